import { indexPartitions, prepareChange } from '../shared/matching/match-filters.js';
import { type MatchReport, matchPolicyChange } from '../shared/matching/matcher.js';
import { matcherDeps } from '../shared/wiring/services.js';
import { benchSubscription, bulkLoad } from './subscription-data.js';
import { type BenchResult, benchServices, createBenchTable, median, round, timed } from './support.js';
import { beijingEntities, entityListChange, worstCaseWatchlists } from './watchlist-data.js';

const SUBSCRIPTIONS = 100;
const WARMUP_RUNS = 2;
const RUNS = 7;

/**
 * The heaviest watchlists against an ordinary list change: 100 subscriptions of one subscriber,
 * each watching 25 names of 300 characters beginning "Beijing" (all in the `beij` block), matched
 * by `matchPolicyChange` against a 100-entity change of Beijing entities and, as the baseline,
 * against a change listing only the first of them. Each run matches a fresh revision.
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
    const cases = [
      {
        sourceRef: 'watchlists-one',
        entities: listed.slice(0, 1),
        ms: [] as number[],
        reports: [] as MatchReport[],
      },
      { sourceRef: 'watchlists-hundred', entities: listed, ms: [] as number[], reports: [] as MatchReport[] },
    ];
    const deps = matcherDeps(benchServices(bench));
    for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
      for (const one of cases) {
        const { change } = await bench.changes.ingest(entityListChange(one.sourceRef, one.entities, run + 1));
        const { ms, result } = await timed(() =>
          matchPolicyChange(deps, { policyChangeId: change.id, revision: change.revision }),
        );
        if (run >= WARMUP_RUNS) one.ms.push(ms);
        one.reports.push(result);
      }
    }
    const catalogue = await bench.catalogues.current();
    const reads = await Promise.all(
      cases.map(async (one) => {
        const prepared = prepareChange(entityListChange(one.sourceRef, one.entities), catalogue);
        const partitions = indexPartitions(prepared, catalogue);
        const { queries } = await bench.subscriptions.candidates(partitions);
        return { partitions: partitions.length, queries };
      }),
    );
    const [one, hundred] = cases;
    if (!one || !hundred) throw new Error('watchlist scale: missing cases');
    for (const report of [...one.reports, ...hundred.reports]) {
      if (report.candidates !== SUBSCRIPTIONS || report.matched !== 0)
        throw new Error(`watchlist scale: ${report.candidates} candidates, ${report.matched} matched`);
    }
    const value = median(hundred.ms);
    const baseline = median(one.ms);
    log(`  100 entities ${round(value)} ms, 1 entity ${round(baseline)} ms`);
    return {
      rows: [
        {
          metric: `Watchlist worst case: ${SUBSCRIPTIONS} subscriptions × 25 watched names of 300 characters, 100-entity vs 1-entity change (median of ${RUNS})`,
          value,
          baseline,
          unit: 'ms',
          baselineLabel: '1-entity change',
          ratio: value / baseline,
          goal: 'ratio ≤ 3, under 1 s',
          met: value / baseline <= 3 && value < 1000,
        },
      ],
      details: {
        subscriptions: SUBSCRIPTIONS,
        watchedNamesPerSubscription: 25,
        listedNames: hundred.entities.reduce((sum, e) => sum + 1 + (e.aliases?.length ?? 0), 0),
        hundredEntities: { runsMs: hundred.ms.map(round), ...reads[1] },
        oneEntity: { runsMs: one.ms.map(round), ...reads[0] },
      },
    };
  } finally {
    await bench.destroy();
  }
}
