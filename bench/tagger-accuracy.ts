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
import type { BenchResult } from './support.js';

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
  const row = (metric: string, value: number) => ({
    metric,
    value,
    baseline: 1,
    unit: 'ratio',
    baselineLabel: 'perfect agreement with the labels',
    ratio: value,
    goal: '≥ 0.9',
    met: value >= 0.9,
  });
  return {
    rows: [
      row('tagger relevance precision (1,000 FR documents)', accuracy.relevance.precision),
      row('tagger relevance recall', accuracy.relevance.recall),
      row('tagger material precision', accuracy.materials.precision),
      row('tagger material recall', accuracy.materials.recall),
    ],
    details: { ...accuracy, taggingMs: ms },
  };
}
