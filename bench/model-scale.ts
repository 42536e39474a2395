import { indexPartitions, prepareChange } from '../shared/matching/match-filters.js';
import type { Catalogue } from '../shared/model/catalogue.js';
import { type PolicyChangeInput, withChangeDefaults } from '../shared/model/policy-change.js';
import type { Filters, Subscription } from '../shared/model/subscription.js';
import { listHistory, regimeAt } from '../shared/policy/history.js';
import { readAndEvaluate } from './matching-scale.js';
import { benchSubscription, bulkLoad } from './subscription-data.js';
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
/** Subscriptions in every table that the two changes below must find: the same ones at every size. */
const CANDIDATES = 300;

/** An end-user list addition naming three US companies, no materials. */
const ENTITY_CHANGE: PolicyChangeInput = {
  source: 'bench',
  sourceRef: 'entity-list',
  revision: 1,
  title: 'Three US defence companies added to the export control list',
  issuingRegion: 'CN',
  affectedRegions: ['*'],
  materials: [],
  entities: [
    { name: 'Lockheed Martin Corporation', country: 'US' },
    { name: 'Raytheon Missiles & Defense', aliases: ['RTX Raytheon'], country: 'US' },
    { name: 'Skydio, Inc.', country: 'US' },
  ],
  changeType: 'end-user-list-addition',
  severity: 'high',
};

/** A ban on every dual-use item to military users in the US. */
const ALL_ITEMS_CHANGE: PolicyChangeInput = {
  source: 'bench',
  sourceRef: 'all-items',
  revision: 1,
  title: 'All dual-use items banned to US military users',
  issuingRegion: 'CN',
  affectedRegions: ['US'],
  materials: ['*'],
  itemTypes: ['goods', 'equipment', 'technology', 'software'],
  changeType: 'export-ban',
  severity: 'critical',
};

const WATCHED = ['Lockheed Martin', 'Raytheon', 'Skydio Inc', 'Lockheed Martin Corp.', 'RTX Raytheon'];
const OTHER_NAMES = [
  'Acme',
  'Borealis',
  'Cobalt Works',
  'Delta Optics',
  'Evergreen',
  'Fujin',
  'Gamma',
  'Helios',
];
const MATERIALS = [
  'gallium',
  'germanium',
  'dysprosium',
  'terbium',
  'lithium',
  'graphite',
  'tungsten',
  'antimony',
];
/** Destinations that do not reach the US (no group here contains it). */
const ELSEWHERE = ['DE', 'JP', 'KR', 'IN', 'BR', 'FR', 'GB', 'EU', 'VN', 'MX'];

/**
 * `total` subscriptions: the same CANDIDATES that the entity change or the all-items change can
 * reach (watchers of the listed names, subscriptions to US destinations or to none), and the rest
 * watching other names or shipping elsewhere.
 */
function modelSubscriptions(total: number): Subscription[] {
  const random = seededRandom(total + 7);
  const subscriptions: Subscription[] = [];
  const add = (filters: Filters) => subscriptions.push(benchSubscription(subscriptions.length, filters));
  for (let i = 0; i < CANDIDATES; i++) {
    if (i % 3 === 0) add({ entities: [{ name: pick(random, WATCHED) }] });
    else if (i % 3 === 1) add({ materials: [pick(random, MATERIALS)], affectedRegions: ['US'] });
    else add({ materials: [pick(random, MATERIALS)], affectedRegions: ['G7'], minSeverity: 'high' });
  }
  while (subscriptions.length < total) {
    if (random() < 0.3) add({ entities: [{ name: `${pick(random, OTHER_NAMES)} ${subscriptions.length}` }] });
    else add({ materials: [pick(random, MATERIALS)], affectedRegions: [pick(random, ELSEWHERE)] });
  }
  return subscriptions;
}

/** Changes of a synthetic history: licence rules, and a suspension for every tenth. */
function historyChange(n: number): PolicyChangeInput {
  const day = new Date(Date.UTC(2015, 0, 1) + n * 86_400_000 * 3).toISOString().slice(0, 10);
  return {
    source: 'bench-history',
    sourceRef: `change-${n}`,
    revision: 1,
    title: `Rule ${n}`,
    issuingRegion: n % 2 === 0 ? 'CN' : 'US',
    affectedRegions: n % 4 === 0 ? ['US'] : ['*'],
    materials: [MATERIALS[n % MATERIALS.length] as string],
    changeType: n % 10 === 9 ? 'suspension' : 'licence-requirement',
    severity: 'high',
    publishedAt: day,
    effectiveAt: day,
    ...(n % 10 === 9
      ? {
          expiresAt: '2040-01-01',
          relatedChanges: [
            { relation: 'suspends' as const, source: 'bench-history', sourceRef: `change-${n - 1}` },
          ],
        }
      : {}),
  };
}

/**
 * Matching an entity-list change and an all-items change at 1k and 50k subscriptions (cost follows
 * the candidates, not the table), and the regime query against history sizes of 100 and 1,000.
 */
export async function modelScale(endpoint: string, log: (line: string) => void): Promise<BenchResult> {
  const tables: { size: number; bench: BenchTable }[] = [];
  const readMs = new Map<string, number[]>();
  const reads = new Map<string, { candidates: number; itemsRead: number; matched: number }>();
  let catalogue: Catalogue | undefined;
  const regime: { size: number; ms: number[]; items: number; listMs: number[] }[] = [];
  try {
    for (const size of SIZES) {
      const bench = await createBenchTable(endpoint, `bench-model-${size}`);
      catalogue ??= await benchServices(bench).catalogues.current();
      const load = await timed(() => bulkLoad(bench.table, modelSubscriptions(size), 16));
      log(`  loaded ${size} subscriptions (${load.result.items} items) in ${(load.ms / 1000).toFixed(1)} s`);
      tables.push({ size, bench });
    }
    const cat = catalogue as Catalogue;
    for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
      for (const { size, bench } of tables) {
        for (const [name, change] of [
          ['entity', ENTITY_CHANGE],
          ['all-items', ALL_ITEMS_CHANGE],
        ] as const) {
          const { ms, result } = await timed(() => readAndEvaluate(bench, withChangeDefaults(change), cat));
          const key = `${name}:${size}`;
          if (run >= WARMUP_RUNS) readMs.set(key, [...(readMs.get(key) ?? []), ms]);
          reads.set(key, result);
        }
      }
    }

    for (const size of [100, 1_000]) {
      const bench = await createBenchTable(endpoint, `bench-history-${size}`);
      tables.push({ size: -size, bench });
      for (let n = 0; n < size; n++)
        await bench.changes.ingest(historyChange(n), new Date('2026-11-29T00:00:00Z'));
      const entry = { size, ms: [] as number[], items: 0, listMs: [] as number[] };
      for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
        const { ms, result } = await timed(() =>
          regimeAt(bench.changes, cat, {
            material: 'gallium',
            origin: 'CN',
            destination: 'US',
            at: new Date('2026-11-29T00:00:00Z'),
          }),
        );
        const list = await timed(() => listHistory(bench.changes, cat, { material: 'gallium', limit: 50 }));
        if (run >= WARMUP_RUNS) {
          entry.ms.push(ms);
          entry.listMs.push(list.ms);
        }
        entry.items = result.items.length + result.suspended.length;
      }
      regime.push(entry);
      log(`  regime over ${size} changes: ${round(median(entry.ms))} ms`);
    }
  } finally {
    await Promise.all(tables.map(({ bench }) => bench.destroy()));
  }

  const rows: BenchResult['rows'] = [];
  for (const name of ['entity', 'all-items'] as const) {
    const small = reads.get(`${name}:1000`);
    const large = reads.get(`${name}:50000`);
    if (!small || !large || small.matched !== large.matched || large.matched === 0)
      throw new Error(`model scale: ${name} matched ${small?.matched} at 1k and ${large?.matched} at 50k`);
    const ratio = median(readMs.get(`${name}:50000`) ?? []) / median(readMs.get(`${name}:1000`) ?? []);
    rows.push({
      metric: `Matching read+evaluate, ${name === 'entity' ? 'an entity-list change (no materials)' : 'a change on every item (materials *) to the US'}, 50k vs 1k subscriptions (median of ${RUNS})`,
      value: median(readMs.get(`${name}:50000`) ?? []),
      baseline: median(readMs.get(`${name}:1000`) ?? []),
      unit: 'ms',
      baselineLabel: '1k subscriptions',
      ratio,
      goal: 'ratio ≤ 1.3',
      met: ratio <= 1.3,
    });
  }
  const [small, large] = regime;
  if (small && large) {
    rows.push({
      metric: `Regime for gallium CN → US, history of ${large.size} vs ${small.size} changes (median of ${RUNS})`,
      value: median(large.ms),
      baseline: median(small.ms),
      unit: 'ms',
      baselineLabel: `${small.size} changes`,
      ratio: median(large.ms) / median(small.ms),
    });
    rows.push({
      metric: `History page (material filter, 50 items), ${large.size} vs ${small.size} changes (median of ${RUNS})`,
      value: median(large.listMs),
      baseline: median(small.listMs),
      unit: 'ms',
      baselineLabel: `${small.size} changes`,
      ratio: median(large.listMs) / median(small.listMs),
    });
  }
  return {
    rows,
    details: {
      reads: Object.fromEntries(reads),
      partitions: {
        entity: indexPartitions(
          prepareChange(withChangeDefaults(ENTITY_CHANGE), catalogue as Catalogue),
          catalogue as Catalogue,
        ),
        allItems: indexPartitions(
          prepareChange(withChangeDefaults(ALL_ITEMS_CHANGE), catalogue as Catalogue),
          catalogue as Catalogue,
        ).length,
      },
      regime: regime.map((r) => ({ changes: r.size, medianMs: round(median(r.ms)), itemsOnLane: r.items })),
    },
  };
}
