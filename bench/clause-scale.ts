import { matchSubscription } from '../shared/matching/match-clauses.js';
import { indexPartitions, prepareChange } from '../shared/matching/match-filters.js';
import { judgeMatches } from '../shared/matching/verdicts.js';
import type { Catalogue } from '../shared/model/catalogue.js';
import { withChangeDefaults } from '../shared/model/policy-change.js';
import type { Profile } from '../shared/model/profile.js';
import type { Filters, Subscription, SubscriptionFilters } from '../shared/model/subscription.js';
import {
  benchChange,
  benchSubscription,
  bulkLoad,
  MATCHING,
  matchingFilters,
  NEAR_MISSES,
  nearMissFilters,
  OTHER_MATERIALS,
} from './subscription-data.js';
import {
  type BenchResult,
  type BenchTable,
  benchServices,
  createBenchTable,
  median,
  pick,
  round,
  seededRandom,
  timed,
} from './support.js';

const SIZES = [1_000, 50_000] as const;
const WARMUP_RUNS = 5;
const RUNS = 15;
/** Share of the subscriptions outside the change's partitions written as 2 to 4 clauses. */
const MULTI_CLAUSE_SHARE = 0.3;
/** In-memory evaluations of the candidates per run, so the per-candidate time is well above the timer's grain. */
const EVALUATIONS = 20;
const ORIGINS = ['CD', 'CL', 'ZW', 'ID', 'AU', 'AR', 'ZA', 'BR'];
/**
 * The profiles subscribers give, in turn (one subscription in six has none): civilian and
 * military makers, a verified end user, a re-exporter, a licence holder.
 */
const PROFILES: (Profile | undefined)[] = [
  { endUses: ['civilian'] },
  { endUses: ['military'] },
  { endUses: ['civilian'], verifiedEndUser: ['CN'] },
  { endUses: ['civilian', 'advanced-semiconductors'], reExports: true },
  { endUses: ['civilian'], licences: [{ issuer: 'CN', type: 'general' }] },
  undefined,
];

/** A clause outside the change's partitions: another material, sometimes an origin or destination. */
function otherClause(random: () => number): Filters {
  const clause: Filters = { materials: [pick(random, OTHER_MATERIALS)] };
  if (random() < 0.5) clause.originRegions = [pick(random, ORIGINS)];
  if (random() < 0.3) clause.affectedRegions = [pick(random, ['US', 'DE', 'JP', 'KR', 'EU'])];
  if (random() < 0.2) clause.scopes = random() < 0.5 ? ['lanes'] : ['lanes', 'all-items', 'parties'];
  return clause;
}

function otherClauses(random: () => number, count: number): Filters[] {
  return Array.from({ length: count }, () => otherClause(random));
}

/**
 * The same 500 matches and 100 near misses as the matching-scale tables, three in four of them
 * written as clause lists (the matching clause first, second or last of 2 to 4), and the rest of
 * the table with 30 % of its subscriptions as lists of 2 to 4 clauses on other materials.
 */
function clauseSubscriptions(total: number): Subscription[] {
  const random = seededRandom(total + 11);
  const subscriptions: Subscription[] = [];
  const add = (filters: SubscriptionFilters, status: Subscription['status'] = 'active') => {
    const profile = PROFILES[subscriptions.length % PROFILES.length];
    subscriptions.push(
      benchSubscription(subscriptions.length, filters, { status, ...(profile ? { profile } : {}) }),
    );
  };
  for (let i = 0; i < MATCHING; i++) {
    const matching = matchingFilters(i);
    const shape = i % 4;
    if (shape === 0) add(matching);
    else if (shape === 1) add([...otherClauses(random, 1), matching]);
    else if (shape === 2) add([matching, ...otherClauses(random, 2)]);
    else add([...otherClauses(random, 2), matching, ...otherClauses(random, 1)]);
  }
  for (let i = 0; i < NEAR_MISSES; i++) {
    const { filters, status } = nearMissFilters(i);
    add(i % 2 === 0 ? [filters, ...otherClauses(random, 1 + (i % 3))] : filters, status);
  }
  while (subscriptions.length < total) {
    if (random() < MULTI_CLAUSE_SHARE) add(otherClauses(random, 2 + Math.floor(random() * 3)));
    else add(otherClause(random));
  }
  return subscriptions;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`clause scale: ${message}`);
}

/**
 * Matching cost with clause lists at 1k and 50k subscriptions: the read+evaluate phase of the
 * matcher for the bench change, as a ratio against the 1k table of the same run, and per candidate.
 */
export async function clauseScale(endpoint: string, log: (line: string) => void): Promise<BenchResult> {
  const tables: { size: number; bench: BenchTable; clauses: number; items: number }[] = [];
  const readMs = new Map<number, number[]>();
  const evaluateUs = new Map<number, number[]>();
  const reads = new Map<
    number,
    { candidates: number; itemsRead: number; queries: number; matched: number; sent: number }
  >();
  const push = (map: Map<number, number[]>, size: number, value: number) =>
    map.set(size, [...(map.get(size) ?? []), value]);
  let catalogue: Catalogue | undefined;
  // A rule on military uses or users: each profile is judged (the military maker alone applies).
  const change = withChangeDefaults({
    ...benchChange('clause-scale'),
    conditions: [
      { type: 'end-use', effect: 'restricts', values: ['military'] },
      { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
    ],
  });
  try {
    for (const size of SIZES) {
      const bench = await createBenchTable(endpoint, `bench-clauses-${size}`);
      catalogue ??= await benchServices(bench).catalogues.current();
      const subscriptions = clauseSubscriptions(size);
      const clauses = subscriptions.reduce(
        (sum, s) => sum + (Array.isArray(s.filters) ? s.filters.length : 1),
        0,
      );
      const load = await timed(() => bulkLoad(bench.table, subscriptions, 16));
      log(
        `  loaded ${size} subscriptions, ${clauses} clauses (${load.result.items} items) in ${(load.ms / 1000).toFixed(1)} s`,
      );
      tables.push({ size, bench, clauses, items: load.result.items });
    }
    const cat = catalogue as Catalogue;
    for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
      for (const { size, bench } of tables) {
        // The matcher's read+evaluate phase: read the change's partitions, evaluate every active
        // candidate's clauses; then the evaluation alone, again, to time it per candidate.
        const prepared = prepareChange(change, cat);
        // As the fan-out does: each active candidate's clauses, then the applicability of the
        // matches, judged from the profile in the index item (no read per candidate).
        const evaluate = (
          candidates: Awaited<ReturnType<typeof bench.subscriptions.candidates>>['candidates'],
        ) => {
          const matches = candidates.flatMap((candidate) => {
            if (candidate.status !== 'active') return [];
            const found = matchSubscription(prepared, candidate.filters, cat);
            return found ? [{ candidate, match: found.match }] : [];
          });
          const { kept } = judgeMatches(change, matches);
          return { matched: matches.length, sent: kept.length };
        };
        const { ms, result } = await timed(async () => {
          const read = await bench.subscriptions.candidates(indexPartitions(prepared, cat));
          return { ...read, ...evaluate(read.candidates) };
        });
        const again = await timed(() => {
          for (let i = 0; i < EVALUATIONS; i++) evaluate(result.candidates);
        });
        if (run >= WARMUP_RUNS) {
          push(readMs, size, ms);
          push(evaluateUs, size, (again.ms * 1000) / EVALUATIONS / result.candidates.length);
        }
        const { candidates, itemsRead, queries, matched, sent } = result;
        reads.set(size, { candidates: candidates.length, itemsRead, queries, matched, sent });
      }
    }
  } finally {
    await Promise.all(tables.map(({ bench }) => bench.destroy()));
  }

  const small = reads.get(SIZES[0]);
  const large = reads.get(SIZES[1]);
  for (const read of [small, large]) {
    check(read?.matched === MATCHING, `${read?.matched} matched, not ${MATCHING}`);
    // The civilian profiles are spared the military rule; the military maker and those without a profile are told.
    check((read?.sent ?? 0) > 0 && (read?.sent ?? 0) < MATCHING, `${read?.sent} of ${MATCHING} matches sent`);
    check(read?.candidates === MATCHING + NEAR_MISSES, `${read?.candidates} candidates`);
  }
  if (!small || !large) throw new Error('clause scale: missing sizes');
  const smallMs = median(readMs.get(SIZES[0]) ?? []);
  const largeMs = median(readMs.get(SIZES[1]) ?? []);
  const storeReads = (read: { itemsRead: number; queries: number }) => read.itemsRead + read.queries;
  const smallUs = median(evaluateUs.get(SIZES[0]) ?? []);
  const largeUs = median(evaluateUs.get(SIZES[1]) ?? []);
  return {
    rows: [
      {
        metric:
          'Store reads per change with profiles and clause lists (index items read + Query requests; judging reads nothing), 50k vs 1k subscriptions',
        value: storeReads(large),
        baseline: storeReads(small),
        unit: 'reads',
        baselineLabel: '1k subscriptions',
        ratio: storeReads(large) / storeReads(small),
        goal: 'ratio ≤ 1.3',
        met: storeReads(large) / storeReads(small) <= 1.3,
      },
      {
        metric: `Clause evaluation and applicability per candidate (in memory, ${EVALUATIONS} passes a run), 50k vs 1k subscriptions (median of ${RUNS})`,
        value: largeUs,
        baseline: smallUs,
        unit: 'µs',
        baselineLabel: '1k subscriptions',
        ratio: largeUs / smallUs,
        goal: 'ratio ≤ 1.3',
        met: largeUs / smallUs <= 1.3,
      },
      {
        metric: `Matching read+evaluate+judge with profiles (5 kinds, 1 in 6 without) and clause lists (30 % of subscriptions with 2–4 clauses), 50k vs 1k subscriptions (median of ${RUNS})`,
        value: largeMs,
        baseline: smallMs,
        unit: 'ms',
        baselineLabel: '1k subscriptions',
        ratio: largeMs / smallMs,
        goal: 'ratio ≤ 1.3',
        met: largeMs / smallMs <= 1.3,
      },
      {
        metric: 'Index items read vs candidates with clause lists, 50k subscriptions',
        value: large.itemsRead,
        baseline: large.candidates,
        unit: 'items',
        baselineLabel: 'candidates',
        ratio: large.itemsRead / large.candidates,
      },
    ],
    details: {
      partitionsRead: indexPartitions(prepareChange(change, catalogue as Catalogue), catalogue as Catalogue),
      sizes: tables.map(({ size, clauses, items }) => ({
        subscriptions: size,
        clauses,
        itemsLoaded: items,
        read: reads.get(size),
        medianMs: round(median(readMs.get(size) ?? [])),
        runsMs: (readMs.get(size) ?? []).map(round),
        evaluatePerCandidateUs: round(median(evaluateUs.get(size) ?? [])),
      })),
    },
  };
}
