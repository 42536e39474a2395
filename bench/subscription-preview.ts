import { normalisePolicyChange } from '../shared/ingest/ingest.js';
import { shippedHistory } from '../shared/ingest/shipped-history/shipped-history.js';
import type { Catalogue } from '../shared/model/catalogue.js';
import type { Profile } from '../shared/model/profile.js';
import type { SubscriptionFilters } from '../shared/model/subscription.js';
import { type FilterPreview, previewFilters } from '../shared/subscriptions/filter-preview.js';
import {
  type BenchResult,
  type BenchTable,
  benchServices,
  createBenchTable,
  median,
  round,
  timed,
} from './support.js';

/** The history as shipped (1×), and ten copies of it (10×). */
const COPIES = [1, 10] as const;
const WARMUP_RUNS = 3;
const RUNS = 10;

/** Filters an analyst tunes: a lane, a broad group with a profile, a watchlist, two clauses. */
const PREVIEWS: { name: string; filters: SubscriptionFilters; profile?: Profile }[] = [
  { name: 'gallium to the US', filters: { materials: ['gallium'], affectedRegions: ['US'] } },
  {
    name: 'rare earths, civilian verified end user',
    filters: { materials: ['rare-earths'] },
    profile: { endUses: ['civilian'], verifiedEndUser: ['CN'] },
  },
  {
    name: 'watchlist',
    filters: { materials: ['*'], entities: [{ name: 'Skydio' }], scopes: ['parties'] },
  },
  {
    name: 'two clauses',
    filters: [
      { materials: ['cobalt'], originRegions: ['CD'] },
      { materials: ['lithium'], originRegions: ['ZW', 'CL'] },
    ],
  },
];

/**
 * Stores the shipped history `copies` times (each copy under its own sourceRefs, relations left
 * out: the preview never reads them), latest revisions as the loader leaves them.
 */
async function loadHistory(bench: BenchTable, catalogue: Catalogue, copies: number): Promise<number> {
  let stored = 0;
  for (let copy = 0; copy < copies; copy++) {
    for (const input of shippedHistory()) {
      const { relatedChanges: _relations, ...change } = input;
      const sourceRef = copy === 0 ? change.sourceRef : `${change.sourceRef}-copy-${copy}`;
      const outcome = await bench.changes.ingest(normalisePolicyChange({ ...change, sourceRef }, catalogue));
      if (outcome.kind === 'created') stored += 1;
    }
  }
  return stored;
}

/**
 * What a filter preview costs against the size of the history: heads read from the history
 * partition and time per preview, the shipped history ten times over against once.
 */
export async function subscriptionPreview(
  endpoint: string,
  log: (line: string) => void,
): Promise<BenchResult> {
  const measured = new Map<number, { ms: number[]; read: number; items: number }>();
  const tables: BenchTable[] = [];
  try {
    for (const copies of COPIES) {
      const bench = await createBenchTable(endpoint, `bench-preview-${copies}`);
      tables.push(bench);
      const services = benchServices(bench);
      const catalogue = await services.catalogues.current();
      const revisions = await loadHistory(bench, catalogue, copies);
      log(`  stored the shipped history ${copies}× (${revisions} revisions)`);
      const deps = { changes: bench.changes, catalogue: () => catalogue };
      const entry = { ms: [] as number[], read: 0, items: 0 };
      for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
        const { ms, result } = await timed(async () => {
          const previews: FilterPreview[] = [];
          for (const { filters, profile } of PREVIEWS)
            previews.push(await previewFilters(deps, { filters, profile }));
          return previews;
        });
        if (run >= WARMUP_RUNS) entry.ms.push(ms / PREVIEWS.length);
        entry.read = result.reduce((sum, p) => sum + p.read, 0) / PREVIEWS.length;
        entry.items = result.reduce((sum, p) => sum + p.items.length, 0) / PREVIEWS.length;
      }
      measured.set(copies, entry);
      log(`  preview over ${copies}×: ${round(median(entry.ms))} ms, ${entry.read} heads read`);
    }
  } finally {
    await Promise.all(tables.map((bench) => bench.destroy()));
  }
  const small = measured.get(1);
  const large = measured.get(10);
  if (!small || !large || large.items !== small.items * 10)
    throw new Error(
      `preview: ${small?.items} matches at 1×, ${large?.items} at 10× (expected ten times as many)`,
    );
  const readRatio = large.read / small.read;
  const timeRatio = median(large.ms) / median(small.ms);
  return {
    rows: [
      {
        metric: `Filter preview, history heads read per preview, shipped history 10× vs 1× (${PREVIEWS.length} filters)`,
        value: large.read,
        baseline: small.read,
        unit: 'items',
        baselineLabel: 'the shipped history once',
        ratio: readRatio,
        goal: 'ratio ≤ 10 (linear in the history, never a Scan)',
        met: readRatio <= 10,
      },
      {
        metric: `Filter preview time, shipped history 10× vs 1× (median of ${RUNS}, mean over ${PREVIEWS.length} filters)`,
        value: median(large.ms),
        baseline: median(small.ms),
        unit: 'ms',
        baselineLabel: 'the shipped history once',
        ratio: timeRatio,
        goal: 'ratio ≤ 12',
        met: timeRatio <= 12,
      },
    ],
    details: {
      filters: PREVIEWS.map((p) => p.name),
      matchesPerPreview: { '1x': small.items, '10x': large.items },
      headsReadPerPreview: { '1x': small.read, '10x': large.read },
      msPerPreview: { '1x': median(small.ms), '10x': median(large.ms) },
    },
  };
}
