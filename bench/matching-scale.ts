import { matchSubscription } from '../shared/matching/match-clauses.js';
import { indexPartitions, type MatchableChange, prepareChange } from '../shared/matching/match-filters.js';
import type { MatchReport } from '../shared/matching/matcher.js';
import type { Catalogue } from '../shared/model/catalogue.js';
import type { PolicyChange } from '../shared/model/policy-change.js';
import {
  benchChange,
  benchSubscriptions,
  bulkLoad,
  checkItemShape,
  MATCHING,
  NEAR_MISSES,
} from './subscription-data.js';
import {
  type BenchResult,
  type BenchTable,
  benchServices,
  createBenchTable,
  median,
  round,
  timed,
  timedMatcher,
} from './support.js';

const SIZES = [1_000, 10_000, 50_000] as const;
const WARMUP_RUNS = 10;
const READ_RUNS = 15;
const FULL_RUNS = 3;

interface Scale {
  size: number;
  bench: BenchTable;
  loadMs: number;
  items: number;
  /** Revision 1 of this table's change, for the read+evaluate runs. */
  change: PolicyChange;
  readMs: number[];
  firstFullMs?: number;
  fullMs: number[];
  reports: MatchReport[];
  read?: { candidates: number; itemsRead: number; matched: number };
}

/**
 * The matcher's read+evaluate phase, as `matchPolicyChange` runs it: prepare the change, read the
 * index partitions of its materials and their relatives, evaluate every active candidate.
 */
export async function readAndEvaluate(bench: BenchTable, change: MatchableChange, catalogue: Catalogue) {
  const prepared = prepareChange(change, catalogue);
  const { candidates, itemsRead } = await bench.subscriptions.candidates(
    indexPartitions(prepared, catalogue),
  );
  let matched = 0;
  for (const candidate of candidates) {
    if (candidate.status === 'active' && matchSubscription(prepared, candidate.filters, catalogue))
      matched += 1;
  }
  return { candidates: candidates.length, itemsRead, matched };
}

/**
 * Fails when the bulk items differ from what SubscriptionStore.create writes; returns the catalogue
 * the matcher uses (the stored one, or the shipped default while none is stored).
 */
async function checkedCatalogue(endpoint: string): Promise<Catalogue> {
  const shapeTable = await createBenchTable(endpoint, 'bench-shape-check');
  try {
    await checkItemShape(shapeTable.table, shapeTable.subscriptions);
    return await benchServices(shapeTable).catalogues.current();
  } finally {
    await shapeTable.destroy();
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`matching scale: ${message}`);
}

/**
 * Matching at 1k, 10k and 50k subscriptions, one table each, with the same 500 matches and 100
 * near misses in every table. Runs are interleaved across tables so drift hits every size alike.
 */
export async function matchingScale(endpoint: string, log: (line: string) => void): Promise<BenchResult> {
  const catalogue = await checkedCatalogue(endpoint);
  const scales: Scale[] = [];
  try {
    for (const size of SIZES) {
      const bench = await createBenchTable(endpoint, `bench-scale-${size}`);
      const load = await timed(() => bulkLoad(bench.table, benchSubscriptions(size), 16));
      log(`  loaded ${size} subscriptions (${load.result.items} items) in ${(load.ms / 1000).toFixed(1)} s`);
      const ingested = await bench.changes.ingest(benchChange(`scale-${size}`, 1));
      scales.push({
        size,
        bench,
        loadMs: load.ms,
        items: load.result.items,
        change: ingested.change,
        readMs: [],
        fullMs: [],
        reports: [],
      });
    }

    for (let run = 0; run < WARMUP_RUNS + READ_RUNS; run++) {
      for (const scale of scales) {
        const { ms, result } = await timed(() => readAndEvaluate(scale.bench, scale.change, catalogue));
        if (run >= WARMUP_RUNS) scale.readMs.push(ms);
        scale.read = result;
      }
    }

    // The full matcher writes one alert per match, so each run matches a fresh revision (all new
    // alerts). Revision 1 is each table's first run (kept as such, not in the median).
    for (let run = 0; run <= FULL_RUNS; run++) {
      for (const scale of scales) {
        const revision = run + 1;
        if (revision > 1) await scale.bench.changes.ingest(benchChange(`scale-${scale.size}`, revision));
        const input = { policyChangeId: scale.change.id, revision };
        const { ms, result } = await timedMatcher(scale.bench)(input);
        if (run === 0) scale.firstFullMs = ms;
        else scale.fullMs.push(ms);
        scale.reports.push(result);
      }
    }
  } finally {
    await Promise.all(scales.map((scale) => scale.bench.destroy()));
  }

  for (const scale of scales) {
    check(scale.read?.matched === MATCHING, `${scale.size}: ${scale.read?.matched} matched, not ${MATCHING}`);
    check(scale.read?.candidates === MATCHING + NEAR_MISSES, `${scale.size}: unexpected candidate count`);
    for (const report of scale.reports) {
      check(report.matched === MATCHING && report.alertsCreated === MATCHING, `${scale.size}: full run`);
    }
  }
  const [small, , large] = scales;
  if (!small || !large?.read) throw new Error('matching scale: missing sizes');
  const readRatio = (scale: Scale) => median(scale.readMs) / median(small.readMs);
  const fullRatio = median(large.fullMs) / median(small.fullMs);
  // Items read as matchPolicyChange reports them (the read+evaluate runs count the same).
  const report = large.reports[0];
  if (!report || report.itemsRead !== large.read.itemsRead)
    throw new Error('matching scale: itemsRead differ');
  const { itemsRead, candidates, matched } = report;

  return {
    rows: [
      ...scales.slice(1).map((scale) => ({
        metric: `Matching read+evaluate, ${scale.size / 1000}k vs 1k subscriptions (median of ${READ_RUNS})`,
        value: median(scale.readMs),
        baseline: median(small.readMs),
        unit: 'ms',
        baselineLabel: '1k subscriptions',
        ratio: readRatio(scale),
        goal: 'ratio ≤ 1.3',
        met: readRatio(scale) <= 1.3,
      })),
      {
        metric: `Full matcher incl. ${MATCHING} alert writes, 50k vs 1k (median of ${FULL_RUNS} after a first run, fresh revision each)`,
        value: median(large.fullMs),
        baseline: median(small.fullMs),
        unit: 'ms',
        baselineLabel: '1k subscriptions',
        ratio: fullRatio,
        goal: 'ratio ≤ 1.3',
        met: fullRatio <= 1.3,
      },
      {
        metric: 'Index items read vs candidates, 50k subscriptions',
        value: itemsRead,
        baseline: candidates,
        unit: 'items',
        baselineLabel: 'candidates',
        ratio: itemsRead / candidates,
        goal: 'within 10%',
        met: itemsRead <= candidates * 1.1,
      },
      {
        metric: 'Index items read per match, 50k subscriptions',
        value: itemsRead,
        baseline: matched,
        unit: 'items',
        baselineLabel: 'matches',
        ratio: itemsRead / matched,
      },
    ],
    details: {
      change: {
        materials: small.change.materials,
        partitionsRead: indexPartitions(prepareChange(small.change, catalogue), catalogue),
      },
      sizes: scales.map((scale) => ({
        subscriptions: scale.size,
        itemsLoaded: scale.items,
        loadSeconds: round(scale.loadMs / 1000),
        loadItemsPerSecond: round(scale.items / (scale.loadMs / 1000)),
        readEvaluate: {
          ...scale.read,
          medianMs: round(median(scale.readMs)),
          runsMs: scale.readMs.map(round),
        },
        fullMatcher: {
          firstRunMs: round(scale.firstFullMs ?? Number.NaN),
          medianMs: round(median(scale.fullMs)),
          runsMs: scale.fullMs.map(round),
          itemsRead: scale.reports[0]?.itemsRead,
          candidates: scale.reports[0]?.candidates,
          matched: scale.reports[0]?.matched,
          alertsCreated: scale.reports[0]?.alertsCreated,
        },
      })),
      fullMatcherFirstRunRatio: round((large.firstFullMs ?? Number.NaN) / (small.firstFullMs ?? Number.NaN)),
      note: 'firstRunMs is revision 1 on each table; on the 1k table it is also the process’s first alert write',
    },
  };
}
