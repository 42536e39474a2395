import { getHeapStatistics } from 'node:v8';
import { matchFilters, prepareChange } from '../shared/matching/match-filters.js';
import { defaultCatalogue } from '../shared/model/catalogue.js';
import { CHANGE_TYPES, type PolicyChange, withChangeDefaults } from '../shared/model/policy-change.js';
import type { Filters } from '../shared/model/subscription.js';
import { benchChange } from './subscription-data.js';
import { type BenchResult, collectGarbage, median, pick, round, seededRandom } from './support.js';

const FILTERS = 100_000;
const WARMUP_PASSES = 5;
const PASSES = 15;

/** Candidate filters as the index hands them over: each names a relative of the change's materials or `*`. */
function candidateFilters(count: number): Filters[] {
  const random = seededRandom(42);
  const related = ['rare-earths', 'heavy-rare-earths', 'dysprosium', 'terbium', '*'];
  const others = ['gallium', 'lithium', 'cobalt', 'tungsten', 'holmium', 'light-rare-earths'];
  const regions = ['US', 'DE', 'JP', 'EU', 'G7', 'FIVE-EYES', 'IN', 'KR', 'BR', 'CN', 'TW'];
  const filters: Filters[] = [];
  for (let i = 0; i < count; i++) {
    const materials = [pick(random, related)];
    if (random() < 0.3) materials.push(pick(random, others));
    const filter: Filters = { materials };
    if (random() < 0.5) filter.affectedRegions = [pick(random, regions), pick(random, regions)];
    if (random() < 0.2) filter.issuingRegions = [pick(random, ['CN', 'US', 'EU'])];
    if (random() < 0.2) filter.changeTypes = [pick(random, CHANGE_TYPES), pick(random, CHANGE_TYPES)];
    if (random() < 0.4) filter.minSeverity = pick(random, ['low', 'medium', 'high', 'critical'] as const);
    if (random() < 0.1) filter.hsCodes = [pick(random, ['2805', '284690', '8505', '2846'])];
    filters.push(filter);
  }
  return filters;
}

function storedChange(): PolicyChange {
  return withChangeDefaults({
    ...benchChange('core'),
    revision: 1,
    id: 'pc_bench',
    ingestedAt: '2025-06-01T00:00:00.000Z',
    matching: { status: 'pending', matchedSubscriptions: 0 },
  });
}

const heapUsed = () => getHeapStatistics().used_heap_size;

/**
 * `prepareChange` once, then `matchFilters` over 100,000 candidate filters, against a loop over
 * the same array doing one Set look-up per filter. Memory: the most the heap grows during a pass
 * that keeps its matches (as the matcher does), against the heap the candidate filters occupy.
 */
export async function matcherCore(log: (line: string) => void): Promise<BenchResult> {
  const catalogue = defaultCatalogue();
  const change = storedChange();

  collectGarbage();
  const heapBefore = heapUsed();
  const filters = candidateFilters(FILTERS);
  collectGarbage();
  const inputHeap = heapUsed() - heapBefore;

  let matches = 0;
  const matcherPass = () => {
    const prepared = prepareChange(change, catalogue);
    let matched = 0;
    for (const filter of filters) if (matchFilters(prepared, filter, catalogue)) matched += 1;
    matches = matched;
  };
  const related = prepareChange(change, catalogue).related;
  let sink = 0;
  const baselinePass = () => {
    let hits = 0;
    for (const filter of filters) if (related.has(filter.materials?.[0] as string)) hits += 1;
    sink += hits;
  };

  const matcherMs: number[] = [];
  const baselineMs: number[] = [];
  for (let pass = 0; pass < WARMUP_PASSES + PASSES; pass++) {
    for (const [work, times] of [
      [matcherPass, matcherMs],
      [baselinePass, baselineMs],
    ] as const) {
      const started = performance.now();
      work();
      if (pass >= WARMUP_PASSES) times.push(performance.now() - started);
    }
  }
  log(`  ${matches} of ${FILTERS} filters match (baseline checksum ${sink})`);

  // Peak heap during one pass that keeps every match, sampled every 1,000 filters.
  collectGarbage();
  const passStart = heapUsed();
  let peak = passStart;
  const prepared = prepareChange(change, catalogue);
  const kept: unknown[] = [];
  filters.forEach((filter, i) => {
    const match = matchFilters(prepared, filter, catalogue);
    if (match) kept.push({ filter, match });
    if (i % 1000 === 999) peak = Math.max(peak, heapUsed());
  });
  collectGarbage();
  const retained = heapUsed() - passStart;
  const peakDelta = peak - passStart;

  const nsPerFilter = (ms: number[]) => (median(ms) * 1e6) / FILTERS;
  const toMiB = (bytes: number) => bytes / 2 ** 20;
  return {
    rows: [
      {
        metric: `Matcher core: matchFilters per candidate filter (${FILTERS / 1000}k filters, median of ${PASSES})`,
        value: nsPerFilter(matcherMs),
        baseline: nsPerFilter(baselineMs),
        unit: 'ns',
        baselineLabel: 'one Set.has per filter',
        ratio: median(matcherMs) / median(baselineMs),
      },
      {
        metric: `Matcher core: peak heap growth during a pass keeping ${kept.length} matches`,
        value: toMiB(peakDelta),
        baseline: toMiB(inputHeap),
        unit: 'MiB',
        baselineLabel: 'heap of the 100k candidate filters',
        ratio: peakDelta / inputHeap,
      },
    ],
    details: {
      filters: FILTERS,
      matched: matches,
      passMs: { matcher: round(median(matcherMs)), baseline: round(median(baselineMs)) },
      passesMs: { matcher: matcherMs.map(round), baseline: baselineMs.map(round) },
      heapMiB: {
        candidateFilters: round(toMiB(inputHeap)),
        peakGrowthDuringPass: round(toMiB(peakDelta)),
        retainedMatches: round(toMiB(retained)),
        bytesRetainedPerMatch: round(retained / Math.max(1, kept.length)),
      },
      sampling: 'heap sampled every 1,000 filters with v8.getHeapStatistics().used_heap_size after a full GC',
    },
  };
}
