import { afterAll, expect } from 'vitest';
import type { Log } from '../../shared/kernel/redaction.js';

/** Every line logged through `suiteLog` in this test file (each file runs in its own process). */
const lines: string[] = [];

/**
 * The log the harnesses write to unless a test brings its own: the service's lines, after its
 * own redaction, kept so that the end of each file can check that none holds a secret or a
 * person's contact details.
 */
export const suiteLog: Log = (entry) => {
  lines.push(JSON.stringify(entry));
};

/** What must never reach a log line. */
export const LEAKS: [string, RegExp][] = [
  ['webhook secret', /whsec_[A-Za-z0-9+/=]{8,}/],
  ['API key', /ma_(?:adm|ing|sub)_[A-Za-z0-9_-]{8,}/],
  ['key digest', /\b[0-9a-f]{64}\b/],
  ['phone number', /\+[1-9]\d{7,14}(?!\d)/],
  ['e-mail address', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/],
];

/** The leaks found in `text`, by kind, with the offending excerpt. */
export function leaksIn(text: string): string[] {
  return LEAKS.flatMap(([kind, pattern]) => {
    const match = pattern.exec(text);
    return match ? [`${kind}: …${text.slice(Math.max(0, match.index - 60), match.index + 80)}…`] : [];
  });
}

/** Registered for every test file (vitest setupFiles). */
export function checkSuiteLogAfterAll(): void {
  afterAll(() => {
    expect(leaksIn(lines.join('\n'))).toEqual([]);
  });
}
