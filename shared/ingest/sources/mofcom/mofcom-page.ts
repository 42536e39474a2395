/**
 * Reads what the ministry serves: bytes in UTF-8 or GBK, simplified or traditional characters,
 * full-width digits and punctuation, an article wrapped in navigation, sharing links and a footer.
 * Pure: no I/O; a page it cannot read is a `SourceFormatError` naming where.
 */
import { parse } from 'node-html-parser';
import * as OpenCC from 'opencc-js/t2cn';
import { SourceFormatError } from '../federal-register/federal-register-document.js';

/** Traditional characters (Taiwan and Hong Kong forms) to simplified, the only converter the reader needs. */
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** An article as the reader sees it: the text as served, and the same text normalised for the rules. */
export interface ArticlePage {
  /** The heading as the page shows it (number and title), original characters. */
  titleOriginal: string;
  /** The article's paragraphs as the page shows them, navigation and footer left out. */
  paragraphsOriginal: string[];
  /** The same, simplified and width-normalised (ASCII digits and punctuation): what the rules read. */
  title: string;
  paragraphs: string[];
  attachments: { title: string; href: string }[];
  /** The day the page says it was published (`PubDate`), a fallback for the signature date. */
  pageDate?: string;
  url?: string;
}

/**
 * Turns bytes into text: UTF-8 when they decode as UTF-8, else GB18030 (a superset of GBK and
 * GB2312), which is what a page declaring a `gb…` charset or failing UTF-8 is in. Bytes that are
 * not text at all (NUL bytes, an image, a zip) are refused.
 */
export function decodePage(bytes: Uint8Array, where: string): string {
  if (bytes.length === 0 || bytes.every((byte) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)))
    throw new SourceFormatError(`${where}: the page is empty`);
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  if (bytes.subarray(0, 8192).includes(0))
    throw new SourceFormatError(`${where}: not a text page (binary content)`);
  const declared = /charset\s*=\s*["']?\s*(gb2312|gbk|gb18030)/i.test(head);
  if (!declared) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      // not UTF-8: the ministry's older pages are GBK
    }
  }
  // The platform's WHATWG decoder knows GB18030: no encoding tables to ship in the importer.
  return new TextDecoder('gb18030').decode(bytes);
}

/** Simplified characters, ASCII digits and punctuation, single spaces: the form every rule reads. */
export function normaliseChinese(text: string): string {
  return toSimplified(text)
    .normalize('NFKC')
    .replace(/[\u00a0\u3000\s]+/g, ' ')
    .trim();
}

const CONTENT_SELECTORS = ['#zoom', '.art-con', '.TRS_Editor', 'article', '.article', '#content', '.content'];
const ATTACHMENT = /\.(pdf|docx?|xlsx?|wps|zip|rar|ofd)(\?|$)/i;
const SITE_SUFFIX = /[_\-|]\s*中华人民共和国商务部.*$/;

/**
 * The article of a ministry page: the heading, the paragraphs of the content block and the
 * attachment links; the header, navigation, sharing links, related articles and footer are left out.
 *
 * @example
 * parseArticlePage('<html>…<div id="zoom"><p>一、…</p></div>…</html>', 'art_1.html').paragraphs
 */
export function parseArticlePage(html: string, where: string, url?: string): ArticlePage {
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false } });
  const content = CONTENT_SELECTORS.map((selector) => root.querySelector(selector)).find(Boolean);
  if (!content) throw new SourceFormatError(`${where}: no article content (not a ministry article page)`);
  const blocks = content.querySelectorAll('p, li, div.p, h2, h3, td');
  const texts = (
    blocks.length > 0 ? blocks.map((block) => block.textContent) : content.textContent.split(/\n+/)
  )
    .map((text) => text.replace(/[\u00a0\u3000\s]+/g, ' ').trim())
    .filter((text) => text.length > 0);
  const heading =
    root.querySelector('.art-title h1, h1')?.textContent ??
    root.querySelector('meta[name="ArticleTitle"]')?.getAttribute('content') ??
    root.querySelector('title')?.textContent.replace(SITE_SUFFIX, '') ??
    '';
  const titleOriginal = heading.replace(/\s+/g, ' ').trim();
  if (!titleOriginal && texts.length === 0) throw new SourceFormatError(`${where}: the page is empty`);
  const attachments = root.querySelectorAll('a').flatMap((link) => {
    const href = link.getAttribute('href') ?? '';
    return ATTACHMENT.test(href) ? [{ title: link.textContent.trim(), href }] : [];
  });
  const pubDate = root
    .querySelector('meta[name="PubDate"]')
    ?.getAttribute('content')
    ?.match(/\d{4}-\d{2}-\d{2}/)?.[0];
  const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const pageUrl = url ?? canonical;
  return {
    titleOriginal,
    paragraphsOriginal: texts,
    title: normaliseChinese(titleOriginal),
    paragraphs: texts.map(normaliseChinese),
    attachments,
    ...(pubDate ? { pageDate: pubDate } : {}),
    ...(pageUrl ? { url: pageUrl } : {}),
  };
}
