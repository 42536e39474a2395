import { indexPartitions, prepareChange } from '../shared/matching/match-filters.js';
import type { MatchReport } from '../shared/matching/matcher.js';
import type { ListedEntity } from '../shared/model/policy-change.js';
import { benchSubscription, bulkLoad } from './subscription-data.js';
import {
  type BenchResult,
  type BenchTable,
  createBenchTable,
  median,
  round,
  timedMatcher,
} from './support.js';
import {
  beijingEntities,
  entityListChange,
  longNameEntities,
  worstCaseWatchlists,
} from './watchlist-data.js';

const SUBSCRIPTIONS = 100;
const WARMUP_RUNS = 2;
const RUNS = 7;

interface Case {
  sourceRef: string;
  entities: ListedEntity[];
  runs: number;
  ms: number[];
  reports: MatchReport[];
}

/** Matches a fresh revision of each case's change per run, cases interleaved so drift hits all alike. */
async function runCases(bench: BenchTable, cases: Case[]): Promise<void> {
  const match = timedMatcher(bench);
  const most = Math.max(...cases.map((one) => one.runs));
  for (let run = 0; run < WARMUP_RUNS + most; run++) {
    for (const one of cases) {
      if (run >= WARMUP_RUNS + one.runs) continue;
      const { change } = await bench.changes.ingest(entityListChange(one.sourceRef, one.entities, run + 1));
      const { ms, result } = await match({ policyChangeId: change.id, revision: change.revision });
      if (run >= WARMUP_RUNS) one.ms.push(ms);
      one.reports.push(result);
    }
  }
}

/**
 * The heaviest watchlists against an ordinary list change: 100 subscriptions of one subscriber,
 * each watching 25 names of 300 characters beginning "Beijing" (all in the `beij` block), matched
 * by `matchPolicyChange` against a 100-entity change of Beijing entities and, as the baseline,
 * against a change listing only the first of them; and, for the record, against 100 listed names of
 * 300 characters too (the most comparing the limits allow). Each run matches a fresh revision.
 */
export async function watchlistScale(endpoint: string, log: (line: string) => void): Promise<BenchResult> {
  const bench = await createBenchTable(endpoint, 'bench-watchlists');
  try {
    const subscriptions = worstCaseWatchlists(SUBSCRIPTIONS).map((filters, n) => ({
      ...benchSubscription(n, filters),
      subscriberId: 'sbr_benchwatchlist',
    }));
    await bulkLoad(bench.table, subscriptions);
    const listed = beijingEntities(100);
    const made = (sourceRef: string, entities: ListedEntity[], runs = RUNS): Case => ({
      sourceRef,
      entities,
      runs,
      ms: [],
      reports: [],
    });
    const one = made('watchlists-one', listed.slice(0, 1));
    const hundred = made('watchlists-hundred', listed);
    const long = made('watchlists-long-names', longNameEntities(100), 3);
    await runCases(bench, [one, hundred, long]);
    for (const report of [one, hundred, long].flatMap((c) => c.reports)) {
      if (report.candidates !== SUBSCRIPTIONS || report.matched !== 0)
        throw new Error(`watchlist scale: ${report.candidates} candidates, ${report.matched} matched`);
    }

    const catalogue = await bench.catalogues.current();
    const reads = async (c: Case) => {
      const partitions = indexPartitions(
        prepareChange(entityListChange(c.sourceRef, c.entities), catalogue),
        catalogue,
      );
      const { queries } = await bench.subscriptions.candidates(partitions);
      return { partitions: partitions.length, queries };
    };
    const value = median(hundred.ms);
    const baseline = median(one.ms);
    log(
      `  100 entities ${round(value)} ms, 1 entity ${round(baseline)} ms, 100 long names ${round(median(long.ms))} ms`,
    );
    const metric = (listing: string, runs: number) =>
      `Watchlist worst case: ${SUBSCRIPTIONS} subscriptions × 25 watched names of 300 characters, ${listing} vs a 1-entity change (median of ${runs})`;
    return {
      rows: [
        {
          metric: metric('an ordinary 100-entity list change', RUNS),
          value,
          baseline,
          unit: 'ms',
          baselineLabel: '1-entity change',
          ratio: value / baseline,
          goal: 'ratio ≤ 3, under 1 s',
          met: value / baseline <= 3 && value < 1000,
        },
        {
          metric: metric('100 listed names of 300 characters', long.runs),
          value: median(long.ms),
          baseline,
          unit: 'ms',
          baselineLabel: '1-entity change',
          ratio: median(long.ms) / baseline,
        },
      ],
      details: {
        subscriptions: SUBSCRIPTIONS,
        watchedNamesPerSubscription: 25,
        oneEntity: { runsMs: one.ms.map(round), ...(await reads(one)) },
        hundredEntities: {
          listedNames: listed.reduce((sum, e) => sum + 1 + (e.aliases?.length ?? 0), 0),
          runsMs: hundred.ms.map(round),
          ...(await reads(hundred)),
        },
        hundredLongNames: { runsMs: long.ms.map(round), ...(await reads(long)) },
      },
    };
  } finally {
    await bench.destroy();
  }
}
