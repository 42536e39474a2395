import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as z from 'zod';
import {
  federalRegisterSourceDocument,
  parseFederalRegisterJson,
} from '../shared/ingest/sources/federal-register/federal-register-document.js';
import { documentTagger } from '../shared/ingest/sources/tagging/tagger.js';
import type { Catalogue } from '../shared/model/catalogue.js';
import { defaultCatalogue } from '../shared/model/catalogue.js';
import { agreementRow, type BenchResult, median } from './support.js';

const FIXTURES = new URL('../test/fixtures/federal-register/', import.meta.url);

const LabelsSchema = z.object({
  labels: z.array(
    z.object({
      documentNumber: z.string(),
      relevant: z.boolean(),
      materials: z.array(z.string()),
      changeType: z.string().nullable(),
    }),
  ),
});

/** The real Federal Register page the labels were made from (1,000 documents). */
export function realPage(): unknown {
  return JSON.parse(
    gunzipSync(readFileSync(new URL('documents-2024-01-02_to_2024-01-17.json.gz', FIXTURES))).toString(
      'utf8',
    ),
  );
}

export function labelledSet() {
  return LabelsSchema.parse(JSON.parse(readFileSync(new URL('labels.json', FIXTURES), 'utf8'))).labels;
}

export interface Accuracy {
  documents: number;
  labelled: number;
  relevantLabelled: number;
  candidates: number;
  relevance: { precision: number; recall: number; truePositives: number };
  materials: {
    precision: number;
    recall: number;
    truePositives: number;
    predicted: number;
    expected: number;
  };
  changeTypeAgreement: number;
  misses: string[];
  falseAlarms: string[];
}

/**
 * Precision and recall of the tagger against the labelled set. Every relevant document of the page
 * is labelled, so a candidate on an unlabelled document counts as a false alarm: precision is over
 * the whole page, recall over the labels.
 */
export function taggerAccuracy(catalogue: Catalogue = defaultCatalogue()): Accuracy {
  const { documents } = parseFederalRegisterJson(realPage(), 'page');
  const labels = new Map(labelledSet().map((label) => [label.documentNumber, label]));
  const tag = documentTagger(catalogue);
  let truePositives = 0;
  let candidates = 0;
  let materialHits = 0;
  let materialPredicted = 0;
  let changeTypeAgreed = 0;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  const relevantLabels = [...labels.values()].filter((label) => label.relevant);
  const materialExpected = relevantLabels.reduce((sum, label) => sum + label.materials.length, 0);
  for (const document of documents) {
    const { candidate } = tag(federalRegisterSourceDocument(document));
    const label = labels.get(document.document_number);
    if (candidate) {
      candidates++;
      materialPredicted += candidate.materials.length;
      if (label?.relevant) {
        truePositives++;
        materialHits += candidate.materials.filter((material) => label.materials.includes(material)).length;
        if (candidate.changeType === label.changeType) changeTypeAgreed++;
      } else falseAlarms.push(document.document_number);
    } else if (label?.relevant) misses.push(document.document_number);
  }
  return {
    documents: documents.length,
    labelled: labels.size,
    relevantLabelled: relevantLabels.length,
    candidates,
    relevance: {
      precision: ratio(truePositives, candidates),
      recall: ratio(truePositives, relevantLabels.length),
      truePositives,
    },
    materials: {
      precision: ratio(materialHits, materialPredicted),
      recall: ratio(materialHits, materialExpected),
      truePositives: materialHits,
      predicted: materialPredicted,
      expected: materialExpected,
    },
    changeTypeAgreement: ratio(changeTypeAgreed, truePositives),
    misses,
    falseAlarms,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/** `npm run bench` rows: relevance and material precision/recall against the ≥ 0.9 goal. */
export async function taggerBench(log: (line: string) => void): Promise<BenchResult> {
  const started = performance.now();
  const accuracy = taggerAccuracy();
  const ms = performance.now() - started;
  log(
    `tagger: ${accuracy.candidates} candidates of ${accuracy.documents} documents; relevance P ${accuracy.relevance.precision.toFixed(2)} R ${accuracy.relevance.recall.toFixed(2)}; materials P ${accuracy.materials.precision.toFixed(2)} R ${accuracy.materials.recall.toFixed(2)}`,
  );
  const row = (metric: string, value: number) => agreementRow(metric, value, '≥ 0.9', value >= 0.9);
  const size = taggerSizeRows(log);
  return {
    rows: [
      row('tagger relevance precision (1,000 FR documents)', accuracy.relevance.precision),
      row('tagger relevance recall', accuracy.relevance.recall),
      row('tagger material precision', accuracy.materials.precision),
      row('tagger material recall', accuracy.materials.recall),
      ...size.rows,
    ],
    details: { ...accuracy, taggingMs: ms, oversizedAbstractMs: size.ms },
  };
}

const MIB = 2 ** 20;

/**
 * Time to tag one document whose abstract is the real page's abstracts repeated to 1 MiB, 2 MiB and
 * 20 MB, against 1 MiB: linear tagging keeps 2 MiB within 2× and 20 MB within 20×; the cap on
 * what is tagged keeps all three near the same figure.
 */
function taggerSizeRows(log: (line: string) => void): Pick<BenchResult, 'rows'> & {
  ms: Record<string, number>;
} {
  const { documents } = parseFederalRegisterJson(realPage(), 'page');
  const prose = documents.map((document) => document.abstract ?? '').join('\n');
  const tag = documentTagger(defaultCatalogue());
  // A document that becomes a candidate, so every step of the tagger runs.
  const aluminium = documents.find((document) => document.document_number === '2023-28995');
  if (!aluminium) throw new Error('the real page lacks document 2023-28995');
  const document = federalRegisterSourceDocument(aluminium);
  const timeFor = (characters: number) => {
    const abstract = prose.repeat(Math.ceil(characters / prose.length)).slice(0, characters);
    tag({ ...document, abstract });
    return median(
      [1, 2, 3].map(() => {
        const started = performance.now();
        tag({ ...document, abstract });
        return performance.now() - started;
      }),
    );
  };
  const ms = { '1 MiB': timeFor(MIB), '2 MiB': timeFor(2 * MIB), '20 MB': timeFor(20_000_000) };
  log(
    `tagger: an abstract of 1 MiB ${ms['1 MiB'].toFixed(1)} ms, 2 MiB ${ms['2 MiB'].toFixed(1)} ms, 20 MB ${ms['20 MB'].toFixed(1)} ms`,
  );
  const row = (size: '2 MiB' | '20 MB', linear: number) => {
    const ratio = ms[size] / ms['1 MiB'];
    return {
      metric: `tagger: one document with a ${size} abstract`,
      value: ms[size],
      baseline: ms['1 MiB'],
      unit: 'ms',
      baselineLabel: 'the same with 1 MiB',
      ratio,
      goal: `≤ ${linear}× (linear), under 5 s`,
      met: ratio <= linear && ms[size] < 5000,
    };
  };
  return { rows: [row('2 MiB', 2), row('20 MB', 20)], ms };
}
