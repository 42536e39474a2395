/**
 * The small grammar of an announcement: sentences, numbered clauses, dates written as
 * `2025年11月7日`, and references to other announcements (`2025年第55号、第56号`, `第46号第二款`).
 * Pure functions over normalised text.
 */

/** A sentence of the article, with the paragraph it belongs to. */
export interface Sentence {
  text: string;
  paragraph: number;
}

/**
 * Sentences end at `。`, or at `;` (a full-width semicolon once normalised) outside brackets: the
 * semicolon in "(管制编码 1C902.a;参考海关商品编号:2805301910)" separates two references of one item.
 */
export function sentencesOf(paragraphs: readonly string[]): Sentence[] {
  return paragraphs.flatMap((paragraph, index) => {
    const sentences: Sentence[] = [];
    let depth = 0;
    let start = 0;
    for (let at = 0; at < paragraph.length; at++) {
      const character = paragraph[at];
      if (character === '(') depth++;
      else if (character === ')') depth = Math.max(0, depth - 1);
      else if (character === '。' || (character === ';' && depth === 0)) {
        sentences.push({ text: paragraph.slice(start, at + 1).trim(), paragraph: index });
        start = at + 1;
      }
    }
    sentences.push({ text: paragraph.slice(start).trim(), paragraph: index });
    return sentences.filter((sentence) => sentence.text.length > 0);
  });
}

const DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/;
const DATE_ALL = new RegExp(DATE.source, 'g');

/** `2025年11月7日` as `2025-11-07`, or undefined when the text holds no valid date. */
export function chineseDate(text: string): string | undefined {
  const match = text.match(DATE);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A Beijing calendar day as the instant it starts, the form the shipped history uses. */
export function beijingMidnight(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** The dates a closing sentence gives: `自2023年8月1日起`, `自公布之日起`, `至2026年11月10日`. */
export function periodOf(sentence: string): { from?: string | 'publication'; until?: string } | undefined {
  const from = sentence.match(/自\s*(\d{4}年\d{1,2}月\d{1,2}日|公布之日|发布之日|印发之日)\s*起/);
  const until = sentence.match(/至\s*(\d{4}年\d{1,2}月\d{1,2}日)/);
  if (!from && !until) return undefined;
  const fromDay = from?.[1] ? (DATE.test(from[1]) ? chineseDate(from[1]) : 'publication') : undefined;
  const untilDay = until?.[1] ? chineseDate(until[1]) : undefined;
  return { ...(fromDay ? { from: fromDay } : {}), ...(untilDay ? { until: untilDay } : {}) };
}

/** Whether a paragraph is only a date: the signature date at the foot of an announcement. */
export function isDateLine(paragraph: string): boolean {
  return DATE.test(paragraph) && paragraph.replace(DATE_ALL, '').trim().length === 0;
}

const NUMERALS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/** `二` → 2, `十二` → 12. */
export function chineseNumeral(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 1) return NUMERALS[text];
  const [tens, ones] = text.split('十');
  if (tens === undefined || ones === undefined) return undefined;
  return (tens ? (NUMERALS[tens] ?? 0) : 1) * 10 + (ones ? (NUMERALS[ones] ?? 0) : 0);
}

/** A numbered clause: `一、…` starts one; `(一)` items stay inside it. */
export function clauseNumber(paragraph: string): number | undefined {
  const match = paragraph.match(/^([一二三四五六七八九十]+)、/);
  return match?.[1] ? chineseNumeral(match[1]) : undefined;
}

/** Another announcement named in a sentence: its year and number, and the clause when one is named. */
export interface AnnouncementReference {
  year: number;
  number: number;
  clause?: number;
  text: string;
}

/**
 * The announcements a sentence names, in order: a year is carried to the numbers after it
 * (`2025年第55号、第56号`), a clause (`第二款`) stays with the number before it.
 */
export function referencesIn(sentence: string): AnnouncementReference[] {
  const found: AnnouncementReference[] = [];
  let year: number | undefined;
  for (const match of sentence.matchAll(
    /(?:(\d{4})年)?第(\d+)号(?:公告)?(?:第([一二三四五六七八九十\d]+)[款条])?/g,
  )) {
    if (match[1]) year = Number(match[1]);
    if (year === undefined) continue;
    const clause = match[3] ? chineseNumeral(match[3]) : undefined;
    found.push({ year, number: Number(match[2]), ...(clause ? { clause } : {}), text: match[0] });
  }
  return found;
}

/** The sourceRef of an announcement: `MOFCOM-2025-70`, joint or not; `-2` for a clause recorded apart. */
export function mofcomRef(year: number, number: number, clause?: number): string {
  return `MOFCOM-${year}-${number}${clause ? `-${clause}` : ''}`;
}
