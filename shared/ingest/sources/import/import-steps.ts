/**
 * The steps every source of the import command shares: the command's I/O, reading the options
 * common to all sources, sending the items, printing the summary, and refusing with one line.
 */
import { SingleBar } from 'cli-progress';
import type { Catalogue } from '../../../model/catalogue.js';
import { DEFAULT_AUTO_PUBLISH_CONFIDENCE } from '../candidate.js';
import { SourceFormatError } from '../federal-register/federal-register-document.js';
import { httpSink, ImportApiError } from './api-sink.js';
import { ImportFileError } from './import-files.js';
import { type ImportItem, type ImportSummary, sendItems } from './import-run.js';

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

/** Exit statuses: 0 all done, 1 some changes failed, 2 nothing imported (bad input, API refused). */
export const EXIT = { ok: 0, failures: 1, refused: 2 } as const;

export interface CommonOptions {
  dryRun?: boolean;
  json?: boolean;
  maxSize: string;
}

export interface Setup {
  threshold: number;
  maxBytes: number;
  sink?: ReturnType<typeof httpSink>;
}

export function prepare(options: CommonOptions, io: CommandIo): Setup | number {
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

export async function send(
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

export function finish(summary: ImportSummary, options: CommonOptions, io: CommandIo): number {
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

export function refuse(io: CommandIo, message: string): number {
  io.stderr(`import: ${message}\n`);
  return EXIT.refused;
}

/** Bad input or an unusable file is a refusal with its one-line message; anything else is a bug. */
export function refuseInput(io: CommandIo, error: unknown): number {
  if (error instanceof SourceFormatError || error instanceof ImportFileError)
    return refuse(io, error.message);
  throw error;
}
