/**
 * `npm run import -- mofcom`: saved article and list pages (`--file`) or the ministry's list read
 * live (`--since`). Files are all read before anything is sent: one bad file refuses the run and
 * nothing is written. Every candidate is queued for review.
 */
import { defaultCatalogue } from '../../../model/catalogue.js';
import { SourceFormatError } from '../federal-register/federal-register-document.js';
import { FeedError } from '../federal-register/federal-register-feed.js';
import { mofcomItem } from '../mofcom/mofcom-item.js';
import { looksLikeList, parseListPage } from '../mofcom/mofcom-list.js';
import { decodePage } from '../mofcom/mofcom-page.js';
import { pollMofcom, readArticle } from '../mofcom/mofcom-poll.js';
import { mofcomReader } from '../mofcom/mofcom-reader.js';
import { fetchSitePage, LIST_PATH, MOFCOM_URL, type SiteOptions } from '../mofcom/mofcom-site.js';
import { ImportApiError } from './api-sink.js';
import { readInputBytes } from './import-files.js';
import { emptySummary, type ImportItem, type ImportSummary } from './import-run.js';
import {
  type CommandIo,
  type CommonOptions,
  finish,
  prepare,
  refuse,
  refuseInput,
  send,
} from './import-steps.js';

export type MofcomOptions = CommonOptions & { file?: string[]; since?: string; baseUrl?: string };

/** Without `--file` or `--since`, the live list is read back this many days. */
const DEFAULT_LOOKBACK_DAYS = 30;

export async function importMofcom(options: MofcomOptions, io: CommandIo): Promise<number> {
  if (options.file && options.since)
    return refuse(io, 'give either --file PAGE... or --since YYYY-MM-DD, not both');
  if (options.since && !/^\d{4}-\d{2}-\d{2}$/.test(options.since))
    return refuse(io, `--since ${options.since}: expected a date as YYYY-MM-DD`);
  const baseUrl = options.baseUrl ?? io.env.MOFCOM_URL ?? MOFCOM_URL;
  try {
    new URL(baseUrl);
  } catch {
    return refuse(io, `--base-url ${baseUrl}: not a URL`);
  }
  const setup = prepare(options, io);
  if (typeof setup === 'number') return setup;
  const read = mofcomReader(io.catalogue ?? defaultCatalogue());
  const site: SiteOptions = {
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.sleep ? { sleep: io.sleep } : {}),
    onRetry: (url, attempt, why) => io.stderr(`retrying ${url} (attempt ${attempt}): ${why}\n`),
  };
  const onDropped = (where: string, reason: string, detail: string) =>
    io.stderr(`dropped ${where}: ${reason} (${detail})\n`);

  if (!options.file) {
    const now = (io.clock ?? (() => new Date()))();
    const since =
      options.since ??
      new Date(now.getTime() - DEFAULT_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    try {
      const summary = await pollMofcom(
        {
          baseUrl,
          read,
          site,
          ...(setup.sink ? { sink: setup.sink } : {}),
          onCandidate: (item) => options.json && io.stdout(`${JSON.stringify(item.line)}\n`),
          onDropped,
          onArticle: (row, so) =>
            !options.json &&
            io.stderr(
              `article ${row.date} ${row.url}: so far ${so.read} read, ${so.candidates} candidates\n`,
            ),
        },
        since,
      );
      return finish(summary, options, io);
    } catch (error) {
      if (error instanceof FeedError || error instanceof SourceFormatError || error instanceof ImportApiError)
        return refuse(io, error.message);
      throw error;
    }
  }

  const summary = emptySummary('mofcom');
  const items: ImportItem[] = [];
  try {
    for (const path of options.file) {
      const bytes = await readInputBytes(path, setup.maxBytes);
      const text = decodePage(bytes, path);
      const articles = looksLikeList(text)
        ? await listedArticles(text, path, baseUrl, site)
        : [{ where: path, bytes, url: undefined }];
      for (const article of articles)
        collect(readArticle(read, article.bytes, article.where, article.url), article.where);
    }
  } catch (error) {
    if (error instanceof FeedError) return refuse(io, error.message);
    return refuseInput(io, error);
  }
  return send(items, summary, setup, options, io);

  function collect(reading: ReturnType<typeof readArticle>, where: string) {
    summary.read++;
    if (reading.kind === 'dropped') return onDropped(where, reading.reason, reading.detail);
    summary.candidates += reading.candidates.length;
    items.push(...reading.candidates.map(mofcomItem));
  }
}

/** The articles a saved list page links to, fetched from the site (each once). */
async function listedArticles(text: string, path: string, baseUrl: string, site: SiteOptions) {
  const rows = parseListPage(text, new URL(LIST_PATH, baseUrl).toString(), path);
  const unique = [...new Map(rows.map((row) => [row.url, row])).values()];
  const articles: { where: string; bytes: Uint8Array; url: string }[] = [];
  for (const row of unique)
    articles.push({ where: row.url, url: row.url, bytes: await fetchSitePage(row.url, baseUrl, site) });
  return articles;
}

export type { ImportSummary };
