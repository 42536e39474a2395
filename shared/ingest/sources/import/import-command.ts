import { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import type { Catalogue } from '../../../model/catalogue.js';
import { defaultCatalogue } from '../../../model/catalogue.js';
import { announcementItems } from '../announcements/announcements.js';
import { DEFAULT_AUTO_PUBLISH_CONFIDENCE } from '../candidate.js';
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
import { httpSink, ImportApiError } from './api-sink.js';
import {
  ImportFileError,
  readInputJson,
  readInputText,
  readScreeningState,
  writeScreeningState,
} from './import-files.js';
import { candidateItem, emptySummary, type ImportItem, type ImportSummary, sendItems } from './import-run.js';

/** Where the command writes and what it reads from outside; tests pass their own. */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** A TTY gets a progress bar; anything else gets a line per step. */
  interactive?: boolean;
  catalogue?: Catalogue;
  clock?: () => Date;
}

/** Input files larger than this are refused unless `--max-size` says otherwise. */
export const DEFAULT_MAX_FILE_MIB = 25;

/**
 * The screening-list state may be this many times the input limit: it holds every row of the list
 * with a digest, somewhat more than the CSV it was made from.
 */
const STATE_SIZE_FACTOR = 4;

/** Exit statuses: 0 all done, 1 some changes failed, 2 nothing imported (bad input, API refused). */
export const EXIT = { ok: 0, failures: 1, refused: 2 } as const;

interface CommonOptions {
  dryRun?: boolean;
  json?: boolean;
  maxSize: string;
}

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

interface Setup {
  threshold: number;
  maxBytes: number;
  sink?: ReturnType<typeof httpSink>;
}

function prepare(options: CommonOptions, io: CommandIo): Setup | number {
  const maxMiB = Number(options.maxSize);
  if (!Number.isFinite(maxMiB) || maxMiB <= 0)
    return refuse(io, `--max-size ${options.maxSize}: expected a number of MiB`);
  const thresholdText = io.env.AUTO_PUBLISH_CONFIDENCE;
  const threshold = thresholdText === undefined ? DEFAULT_AUTO_PUBLISH_CONFIDENCE : Number(thresholdText);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    return refuse(io, `AUTO_PUBLISH_CONFIDENCE=${thresholdText}: expected a number from 0 to 1`);
  }
  const setup: Setup = { threshold, maxBytes: maxMiB * 1024 * 1024 };
  if (options.dryRun) return setup;
  const baseUrl = io.env.MA_API_URL;
  const apiKey = io.env.MA_API_KEY;
  if (!baseUrl || !apiKey)
    return refuse(io, 'set MA_API_URL and MA_API_KEY (an admin or ingest key), or use --dry-run');
  try {
    new URL(baseUrl);
  } catch {
    return refuse(io, `MA_API_URL=${baseUrl}: not a URL`);
  }
  setup.sink = httpSink({
    baseUrl,
    apiKey,
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.sleep ? { sleep: io.sleep } : {}),
    onWait: (ms, why) => io.stderr(`waiting ${Math.ceil(ms / 1000)} s: ${why}\n`),
  });
  return setup;
}

async function send(
  items: ImportItem[],
  summary: ImportSummary,
  setup: Setup,
  options: CommonOptions,
  io: CommandIo,
): Promise<number> {
  if (options.json) for (const item of items) io.stdout(`${JSON.stringify(item.line)}\n`);
  if (!setup.sink) {
    // A dry run counts what would be published and what would wait for review.
    summary.published += items.filter((item) => item.review === 'auto').length;
    summary.queuedForReview += items.filter((item) => item.review === 'queue').length;
  }
  if (setup.sink && items.length > 0) {
    const bar =
      io.interactive && !options.json
        ? new SingleBar({ stream: process.stderr, format: 'importing [{bar}] {value}/{total} changes' })
        : undefined;
    bar?.start(items.length, 0);
    try {
      await sendItems(items, setup.sink, summary, (done) => bar?.update(done));
    } catch (error) {
      if (error instanceof ImportApiError) {
        bar?.stop();
        finish(summary, options, io);
        return refuse(io, error.message);
      }
      throw error;
    } finally {
      bar?.stop();
    }
  }
  return finish(summary, options, io);
}

function finish(summary: ImportSummary, options: CommonOptions, io: CommandIo): number {
  if (options.json) io.stdout(`${JSON.stringify({ summary })}\n`);
  else {
    io.stdout(
      `${summary.source}: read ${summary.read}, candidates ${summary.candidates}, published ${summary.published}, queued for review ${summary.queuedForReview}, unchanged ${summary.unchanged}, failed ${summary.failed}${options.dryRun ? ' (dry run: nothing sent)' : ''}\n`,
    );
    for (const failure of summary.failures) io.stdout(`  failed ${failure.sourceRef}: ${failure.reason}\n`);
    for (const problem of summary.unreadable)
      io.stdout(`  unreadable ${problem.sourceRef}: ${problem.reason}\n`);
  }
  return summary.failed > 0 ? EXIT.failures : EXIT.ok;
}

function refuse(io: CommandIo, message: string): number {
  io.stderr(`import: ${message}\n`);
  return EXIT.refused;
}

/** Bad input or an unusable file is a refusal with its one-line message; anything else is a bug. */
function refuseInput(io: CommandIo, error: unknown): number {
  if (error instanceof SourceFormatError || error instanceof ImportFileError)
    return refuse(io, error.message);
  throw error;
}
