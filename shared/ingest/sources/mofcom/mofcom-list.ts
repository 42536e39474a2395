/**
 * The ministry's announcement list: the HTML page (one `<li>` per article: a link and a date) or
 * the JSON the page loads (`{"success": true, "data": {"html": "<li>…</li>"}}`). Pure.
 */
import { parse } from 'node-html-parser';
import * as z from 'zod';
import { SourceFormatError } from '../federal-register/federal-register-document.js';

/** One row of the list: where the article is, its title and the day it was published. */
export interface ListRow {
  url: string;
  title: string;
  date: string;
}

const ListJsonSchema = z.object({
  success: z.boolean(),
  msg: z.string().nullish(),
  message: z.string().nullish(),
  data: z.object({ html: z.string() }).loose().nullish(),
});

/** Whether a saved or fetched page is the list (rather than an article). */
export function looksLikeList(text: string): boolean {
  const start = text.trimStart();
  if (start.startsWith('{')) return true;
  // An article has a content block (the ones the article reader looks for); a list has rows.
  const articleBlock =
    /id=["']?(zoom|content)\b|class=["'][^"']*\b(art-con|TRS_Editor|article|content)\b|<article[\s>]/i;
  return !articleBlock.test(text) && /<li[\s>]/i.test(text);
}

/**
 * The rows of a list page, newest first as the ministry orders them; relative links resolved
 * against `base`. A JSON answer with `success: false`, or a page with no rows, is refused.
 *
 * @example
 * parseListPage('{"success":true,"data":{"html":"<li><a href=\"/a.html\">…</a><span>2025-11-07</span></li>"}}', 'https://www.mofcom.gov.cn/zwgk/zcfb/', 'page 1')
 */
export function parseListPage(text: string, base: string, where: string): ListRow[] {
  let html = text;
  if (text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SourceFormatError(`${where}: the list is not complete JSON`);
    }
    const list = ListJsonSchema.safeParse(json);
    if (!list.success)
      throw new SourceFormatError(`${where}: not the ministry's list JSON (no "success" and "data.html")`);
    if (!list.data.success)
      throw new SourceFormatError(
        `${where}: the list answered success: false${list.data.msg || list.data.message ? ` (${list.data.msg ?? list.data.message})` : ''}`,
      );
    if (!list.data.data) throw new SourceFormatError(`${where}: the list JSON has no data.html`);
    html = list.data.data.html;
  }
  const rows: ListRow[] = [];
  for (const item of parse(html).querySelectorAll('li')) {
    const link = item.querySelector('a[href]');
    const date = item.textContent.match(/(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/);
    const href = link?.getAttribute('href');
    if (!link || !href || !date?.[1] || !date[2] || !date[3]) continue;
    let url: string;
    try {
      url = new URL(href, base).toString();
    } catch {
      continue;
    }
    rows.push({
      url,
      title: (link.getAttribute('title') ?? link.textContent).trim(),
      date: `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}`,
    });
  }
  if (rows.length === 0 && !text.trimStart().startsWith('{'))
    throw new SourceFormatError(`${where}: neither an announcement page nor a list of announcements`);
  return rows;
}
