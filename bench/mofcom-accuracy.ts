/**
 * Field precision and recall of the Chinese reader over the ministry pages in
 * `test/fixtures/mofcom/`, against the fields written down for each before the reader ran.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { decodePage, parseArticlePage } from '../shared/ingest/sources/mofcom/mofcom-page.js';
import { type MofcomCandidate, mofcomReader } from '../shared/ingest/sources/mofcom/mofcom-reader.js';
import { defaultCatalogue } from '../shared/model/catalogue.js';
import { agreementRow, type BenchResult } from './support.js';

/** Where the ministry pages written for the tests live. */
export const MOFCOM_FIXTURES = new URL('../test/fixtures/mofcom/', import.meta.url);

const ExpectedSchema = z.object({
  changes: z.array(
    z.object({
      file: z.string(),
      sourceRef: z.string(),
      issuingBodies: z.array(z.string()),
      publishedAt: z.string(),
      effectiveAt: z.string(),
      expiresAt: z.string().optional(),
      changeType: z.string(),
      affectedRegions: z.array(z.string()),
      materials: z.array(z.string()),
      hsCodes: z.array(z.string()),
      controlCodes: z.array(z.string()),
      itemTypes: z.array(z.string()),
      conditions: z.array(z.record(z.string(), z.unknown())),
      relatedChanges: z.array(z.object({ relation: z.string(), source: z.string(), sourceRef: z.string() })),
    }),
  ),
  dropped: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type ExpectedMofcom = z.infer<typeof ExpectedSchema>;
type ExpectedChange = ExpectedMofcom['changes'][number];

/** The fields written down for each fixture before the reader ran. */
export function expectedMofcom(): ExpectedMofcom {
  return ExpectedSchema.parse(JSON.parse(readFileSync(new URL('expected.json', MOFCOM_FIXTURES), 'utf8')));
}

export function mofcomFixture(name: string): Buffer {
  return readFileSync(new URL(name, MOFCOM_FIXTURES));
}

/** A condition as compared: type, effect and parameters, its free text left out. */
export function conditionKey(condition: object): string {
  const { text: _text, ...rest } = condition as { text?: string };
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
}

/** Every fact a change states, one per field value: `materials=dysprosium`, `effectiveAt=2025-04-04`. */
function facts(change: ExpectedChange | MofcomCandidate): string[] {
  const ref = change.sourceRef;
  const day = (value: string | undefined) => value?.slice(0, 10);
  const scalars: [string, string | undefined][] = [
    ['sourceRef', change.sourceRef],
    ['publishedAt', day(change.publishedAt)],
    ['effectiveAt', day(change.effectiveAt)],
    ['expiresAt', day(change.expiresAt)],
    ['changeType', change.changeType],
  ];
  const lists: [string, readonly string[]][] = [
    ['issuingBodies', change.issuingBodies],
    ['affectedRegions', change.affectedRegions],
    ['materials', change.materials],
    ['hsCodes', change.hsCodes],
    ['controlCodes', change.controlCodes],
    ['itemTypes', change.itemTypes],
    ['relatedChanges', change.relatedChanges.map((related) => `${related.relation} ${related.sourceRef}`)],
    ['conditions', change.conditions.map(conditionKey)],
  ];
  return [
    ...scalars.flatMap(([field, value]) => (value ? [`${ref} ${field}=${value}`] : [])),
    ...lists.flatMap(([field, values]) => values.map((value) => `${ref} ${field}=${value}`)),
  ];
}

export interface MofcomAccuracy {
  pages: number;
  candidates: number;
  fields: { precision: number; recall: number; agreed: number; read: number; expected: number };
  /** Candidates made of pages that are not export controls: each would be a false alert. */
  nonControlsPublished: number;
  wrongDropReasons: string[];
  missed: string[];
  wrong: string[];
}

/** Reads every fixture page and compares each fact read with those written down. */
export function mofcomAccuracy(): MofcomAccuracy {
  const expected = expectedMofcom();
  const read = mofcomReader(defaultCatalogue());
  const pages = readdirSync(fileURLToPath(MOFCOM_FIXTURES)).filter(
    (name) => name.endsWith('.html') && !name.startsWith('list'),
  );
  const nonControls = new Map(expected.dropped.map((drop) => [drop.file, drop.reason]));
  const readFacts = new Set<string>();
  let candidates = 0;
  let nonControlsPublished = 0;
  const wrongDropReasons: string[] = [];
  for (const name of pages) {
    const reading = read(parseArticlePage(decodePage(mofcomFixture(name), name), name), name);
    if (reading.kind === 'dropped') {
      if (nonControls.has(name) && nonControls.get(name) !== reading.reason) wrongDropReasons.push(name);
      continue;
    }
    candidates += reading.candidates.length;
    if (nonControls.has(name)) nonControlsPublished += reading.candidates.length;
    for (const candidate of reading.candidates) for (const fact of facts(candidate)) readFacts.add(fact);
  }
  const expectedFacts = new Set(expected.changes.flatMap(facts));
  const agreed = [...readFacts].filter((fact) => expectedFacts.has(fact)).length;
  return {
    pages: pages.length,
    candidates,
    fields: {
      precision: readFacts.size === 0 ? 1 : agreed / readFacts.size,
      recall: expectedFacts.size === 0 ? 1 : agreed / expectedFacts.size,
      agreed,
      read: readFacts.size,
      expected: expectedFacts.size,
    },
    nonControlsPublished,
    wrongDropReasons,
    missed: [...expectedFacts].filter((fact) => !readFacts.has(fact)),
    wrong: [...readFacts].filter((fact) => !expectedFacts.has(fact)),
  };
}

/** `npm run bench` rows: field precision and recall against the ≥ 0.95 goal, non-controls published against 0. */
export async function mofcomBench(log: (line: string) => void): Promise<BenchResult> {
  const started = performance.now();
  const accuracy = mofcomAccuracy();
  const ms = performance.now() - started;
  log(
    `mofcom reader: ${accuracy.candidates} candidates of ${accuracy.pages} pages; fields P ${accuracy.fields.precision.toFixed(3)} R ${accuracy.fields.recall.toFixed(3)}; non-controls published ${accuracy.nonControlsPublished}`,
  );
  const row = (metric: string, value: number) => agreementRow(metric, value, '≥ 0.95', value >= 0.95);
  return {
    rows: [
      row(
        `MOFCOM reader field precision (${accuracy.pages} pages, ${accuracy.fields.expected} facts)`,
        accuracy.fields.precision,
      ),
      row('MOFCOM reader field recall', accuracy.fields.recall),
      {
        metric: 'MOFCOM non-controls published',
        value: accuracy.nonControlsPublished,
        baseline: 0,
        unit: 'changes',
        baselineLabel: 'none',
        ratio: accuracy.nonControlsPublished === 0 ? 1 : 0,
        goal: '0',
        met: accuracy.nonControlsPublished === 0,
      },
    ],
    details: { ...accuracy, readingMs: ms },
  };
}
