import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { listedEntityBlocks, matchEntities, watchedEntityBlocks } from '../shared/matching/entities.js';
import { agreementRow, type BenchResult } from './support.js';

const LabelledPairSchema = z.object({
  watched: z.string(),
  listed: z.string(),
  aliases: z.array(z.string()).optional(),
  watchedCountry: z.string().optional(),
  listedCountry: z.string().optional(),
  same: z.boolean(),
  note: z.string(),
  /** Why the matcher does not find this true pair, where it does not. */
  knownMiss: z.string().optional(),
});
export type LabelledPair = z.infer<typeof LabelledPairSchema>;

/** The hand-labelled watched/listed name pairs (`test/fixtures/entity-names/labelled-pairs.json`). */
export function labelledPairs(): LabelledPair[] {
  const file = new URL('../test/fixtures/entity-names/labelled-pairs.json', import.meta.url);
  return z.object({ pairs: z.array(LabelledPairSchema) }).parse(JSON.parse(readFileSync(file, 'utf8'))).pairs;
}

/**
 * Whether a subscription watching the pair's watched name hears of a change listing its listed
 * name: the change reads one of the blocks the watched name is indexed under, and the names match.
 */
export function pairMatches(pair: LabelledPair): boolean {
  const watched = { name: pair.watched, ...(pair.watchedCountry ? { country: pair.watchedCountry } : {}) };
  const listed = {
    name: pair.listed,
    ...(pair.aliases ? { aliases: pair.aliases } : {}),
    ...(pair.listedCountry ? { country: pair.listedCountry } : {}),
  };
  const read = new Set(listedEntityBlocks([listed]));
  if (!watchedEntityBlocks(watched).some((block) => read.has(block))) return false;
  return matchEntities([watched], [listed]).length > 0;
}

export interface EntityAccuracy {
  pairs: number;
  truePairs: number;
  lookalikes: number;
  /** Matched pairs that are the same party, over all matched pairs. */
  precision: number;
  /** True pairs matched, over all true pairs. */
  recall: number;
  /** Look-alikes matched, by note. */
  falseMatches: string[];
  /** True pairs not matched, by note. */
  misses: string[];
}

/** Precision and recall of entity matching over the labelled pairs. */
export function entityAccuracy(pairs: readonly LabelledPair[] = labelledPairs()): EntityAccuracy {
  const judged = pairs.map((pair) => ({ pair, matched: pairMatches(pair) }));
  const matched = judged.filter((one) => one.matched);
  const truePairs = pairs.filter((pair) => pair.same).length;
  const label = ({ pair }: { pair: LabelledPair }) => `${pair.watched} / ${pair.listed}: ${pair.note}`;
  return {
    pairs: pairs.length,
    truePairs,
    lookalikes: pairs.length - truePairs,
    precision: matched.length === 0 ? 1 : matched.filter((one) => one.pair.same).length / matched.length,
    recall: truePairs === 0 ? 1 : matched.filter((one) => one.pair.same).length / truePairs,
    falseMatches: matched.filter((one) => !one.pair.same).map(label),
    misses: judged.filter((one) => one.pair.same && !one.matched).map(label),
  };
}

/** `npm run bench` rows: precision and recall of entity matching over the labelled pairs. */
export async function entityMatchingBench(log: (line: string) => void): Promise<BenchResult> {
  const started = performance.now();
  const accuracy = entityAccuracy();
  const ms = performance.now() - started;
  log(
    `entity names: ${accuracy.pairs} pairs (${accuracy.truePairs} true, ${accuracy.lookalikes} look-alikes); precision ${accuracy.precision.toFixed(3)}, recall ${accuracy.recall.toFixed(3)}`,
  );
  return {
    rows: [
      agreementRow(
        `entity matching precision (${accuracy.pairs} labelled name pairs, ${accuracy.lookalikes} look-alikes)`,
        accuracy.precision,
        '= 1',
        accuracy.precision === 1,
      ),
      agreementRow(
        `entity matching recall (${accuracy.truePairs} true variants)`,
        accuracy.recall,
        '≥ 0.95',
        accuracy.recall >= 0.95,
      ),
    ],
    details: { ...accuracy, ms },
  };
}
