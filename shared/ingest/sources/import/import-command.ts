import { Command, CommanderError, Option } from 'commander';
import { defaultCatalogue } from '../../../model/catalogue.js';
import { announcementItems } from '../announcements/announcements.js';
import {
  federalRegisterSourceDocument,
  parseFederalRegisterJson,
  SourceFormatError,
} from '../federal-register/federal-register-document.js';
import { FEDERAL_REGISTER_URL, FeedError } from '../federal-register/federal-register-feed.js';
import { pollFederalRegister } from '../federal-register/federal-register-poll.js';
import {
  diffScreeningLists,
  parseScreeningList,
  type ScreeningEntry,
  type ScreeningState,
  screeningListCandidates,
  screeningState,
} from '../screening-list/screening-list.js';
import { documentTagger } from '../tagging/tagger.js';
import { ImportApiError } from './api-sink.js';
import { readInputJson, readInputText, readScreeningState, writeScreeningState } from './import-files.js';
import { importMofcom, type MofcomOptions } from './import-mofcom.js';
import { candidateItem, emptySummary, type ImportItem } from './import-run.js';
import {
  type CommandIo,
  type CommonOptions,
  EXIT,
  finish,
  prepare,
  refuse,
  refuseInput,
  send,
} from './import-steps.js';

export { type CommandIo, EXIT } from './import-steps.js';

/** Input files larger than this are refused unless `--max-size` says otherwise. */
export const DEFAULT_MAX_FILE_MIB = 25;

/**
 * The screening-list state may be this many times the input limit: it holds every row of the list
 * with a digest, somewhat more than the CSV it was made from.
 */
const STATE_SIZE_FACTOR = 4;

/**
 * `npm run import -- <source> [options]`. Returns the exit status.
 *
 * @example
 * const status = await runImportCommand(['federal-register', '--file', 'page.json', '--dry-run', '--json'], io);
 */
export async function runImportCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let status: number = EXIT.ok;
  const program = new Command('import')
    .description('Import policy changes from a source into Material Alerts (MA_API_URL, MA_API_KEY)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  const common = (command: Command) =>
    command
      .option('--dry-run', 'tag and print, send nothing, write nothing')
      .option('--json', 'one JSON object per candidate, then {"summary": ...}')
      .addOption(
        new Option('--max-size <MiB>', 'refuse input files larger than this').default(
          String(DEFAULT_MAX_FILE_MIB),
        ),
      );

  common(
    program
      .command('federal-register')
      .description('Federal Register API documents: saved pages (--file) or the live API (--since)')
      .option('--file <paths...>', 'Federal Register API JSON: a page, a document, or an array of pages')
      .option('--since <YYYY-MM-DD>', 'read the live API from this publication date, following next_page_url')
      .option('--base-url <url>', 'the Federal Register API (FEDERAL_REGISTER_URL)'),
  ).action(async (options: CommonOptions & { file?: string[]; since?: string; baseUrl?: string }) => {
    status = await federalRegister(options, io);
  });

  common(
    program
      .command('screening-list')
      .description(
        'Consolidated Screening List CSV: the difference from the previous import becomes end-user list changes',
      )
      .requiredOption('--file <path>', 'the CSV export (consolidated.csv)')
      .option('--state <path>', 'what the previous import saw', '.material-alerts/screening-list-state.json'),
  ).action(async (options: CommonOptions & { file: string; state: string }) => {
    status = await screeningList(options, io);
  });

  common(
    program
      .command('mofcom')
      .description(
        "MOFCOM announcements read from Chinese: saved article or list pages (--file) or the ministry's list (--since); every candidate waits for review",
      )
      .option(
        '--file <paths...>',
        'article pages (HTML, UTF-8 or GBK) or list pages (HTML, or the JSON the list loads)',
      )
      .option(
        '--since <YYYY-MM-DD>',
        "read the ministry's announcement list back to this day, following new articles only",
      )
      .option('--base-url <url>', "the ministry's site (MOFCOM_URL)"),
  ).action(async (options: MofcomOptions) => {
    status = await importMofcom(options, io);
  });

  common(
    program
      .command('announcements')
      .description(
        "Changes written by hand in the API's own shape (with relatedChanges), e.g. MOFCOM announcements",
      )
      .requiredOption('--file <path>', 'a JSON array of policy changes, or {"items": [...]}'),
  ).action(async (options: CommonOptions & { file: string }) => {
    status = await announcements(options, io);
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.refused;
    throw error;
  }
  return status;
}

async function federalRegister(
  options: CommonOptions & { file?: string[]; since?: string; baseUrl?: string },
  io: CommandIo,
): Promise<number> {
  if (!options.file === !options.since)
    return refuse(io, 'give either --file PAGE.json... or --since YYYY-MM-DD');
  if (options.since && !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) {
    return refuse(io, `--since ${options.since}: expected a date as YYYY-MM-DD`);
  }
  const setup = prepare(options, io);
  if (typeof setup === 'number') return setup;
  const tag = documentTagger(io.catalogue ?? defaultCatalogue());

  if (options.since) {
    const baseUrl = options.baseUrl ?? io.env.FEDERAL_REGISTER_URL ?? FEDERAL_REGISTER_URL;
    try {
      const summary = await pollFederalRegister(
        {
          baseUrl,
          tag,
          threshold: setup.threshold,
          ...(setup.sink ? { sink: setup.sink } : {}),
          feed: {
            ...(io.fetch ? { fetch: io.fetch } : {}),
            ...(io.sleep ? { sleep: io.sleep } : {}),
            onRetry: (url, attempt, why) => io.stderr(`retrying ${url} (attempt ${attempt}): ${why}\n`),
          },
          onCandidate: (item) => options.json && io.stdout(`${JSON.stringify(item.line)}\n`),
          onPage: ({ documents, summary }) =>
            !options.json &&
            io.stderr(
              `page: ${documents} documents; so far ${summary.read} read, ${summary.candidates} candidates\n`,
            ),
        },
        options.since,
      );
      return finish(summary, options, io);
    } catch (error) {
      if (
        error instanceof FeedError ||
        error instanceof SourceFormatError ||
        error instanceof ImportApiError
      ) {
        return refuse(io, error.message);
      }
      throw error;
    }
  }

  const summary = emptySummary('federal-register');
  const items: ImportItem[] = [];
  try {
    for (const path of options.file ?? []) {
      const { documents, invalid } = parseFederalRegisterJson(
        await readInputJson(path, setup.maxBytes),
        path,
      );
      for (const problem of invalid)
        summary.unreadable.push({ sourceRef: `${path}#${problem.index}`, reason: problem.problem });
      for (const document of documents) {
        summary.read++;
        const { candidate } = tag(federalRegisterSourceDocument(document));
        if (!candidate) continue;
        summary.candidates++;
        items.push(candidateItem(candidate, setup.threshold));
      }
    }
  } catch (error) {
    return refuseInput(io, error);
  }
  return send(items, summary, setup, options, io);
}

async function screeningList(
  options: CommonOptions & { file: string; state: string },
  io: CommandIo,
): Promise<number> {
  const setup = prepare(options, io);
  if (typeof setup === 'number') return setup;
  const now = (io.clock ?? (() => new Date()))();
  let current: Map<string, ScreeningEntry>;
  let previous: Map<string, ScreeningEntry> | undefined;
  try {
    current = parseScreeningList(await readInputText(options.file, setup.maxBytes), options.file);
    previous = await readScreeningState(options.state, STATE_SIZE_FACTOR * setup.maxBytes);
  } catch (error) {
    return refuseInput(io, error);
  }
  const summary = emptySummary('screening-list');
  summary.read = current.size;
  if (!previous) {
    // The first import records what is listed today; alerting on every party listed for years would bury the news.
    if (!options.dryRun) {
      const saved = await saveState(options.state, screeningState(current, now), io);
      if (saved !== EXIT.ok) return saved;
    }
    io.stderr(
      `screening-list: first import, ${current.size} entries recorded as the baseline in ${options.state}; later imports report the differences\n`,
    );
    return finish(summary, options, io);
  }
  const diff = diffScreeningLists(previous, current);
  const items = screeningListCandidates(diff, now.toISOString().slice(0, 10)).map((candidate) =>
    candidateItem(candidate, setup.threshold),
  );
  summary.candidates = items.length;
  io.stderr(
    `screening-list: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged entries\n`,
  );
  const status = await send(items, summary, setup, options, io);
  // The state moves only when every change is stored: a failed run is repeated whole, and what it
  // stored before is found unchanged.
  if (!options.dryRun && status === EXIT.ok)
    return saveState(options.state, screeningState(current, now), io);
  return status;
}

/** Writes the state; a failure is a refusal with one clear line (the next run repeats this one). */
async function saveState(path: string, state: ScreeningState, io: CommandIo): Promise<number> {
  try {
    await writeScreeningState(path, state);
    return EXIT.ok;
  } catch (error) {
    return refuseInput(io, error);
  }
}

async function announcements(options: CommonOptions & { file: string }, io: CommandIo): Promise<number> {
  const setup = prepare(options, io);
  if (typeof setup === 'number') return setup;
  let items: ImportItem[];
  try {
    items = announcementItems(await readInputJson(options.file, setup.maxBytes), options.file);
  } catch (error) {
    return refuseInput(io, error);
  }
  const summary = emptySummary('announcements');
  summary.read = items.length;
  summary.candidates = items.length;
  return send(items, summary, setup, options, io);
}
