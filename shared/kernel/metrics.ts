/**
 * The service's metrics: one catalogue of names, recorded through `MetricsRecorder`. On Lambda they
 * leave as CloudWatch embedded metric format (Powertools Metrics); in local mode the same counts are
 * kept in the table for `GET /v1/admin/stats`.
 */

/** Namespace of every metric in CloudWatch; the dashboard and alarms read from it. */
export const METRICS_NAMESPACE = 'MaterialAlerts';

/** How a metric is declared: its unit, and whether CloudWatch counts it with no dimension at all. */
export interface MetricSpec {
  unit: 'Count' | 'Milliseconds';
  /**
   * One series across the functions, without even the service's dimension: dimensions given when
   * recording are ignored.
   */
  undimensioned?: true;
}

/** Every metric the service emits, with its unit. Dimensions are named per metric. */
export const METRICS = {
  AlertsCreated: { unit: 'Count' },
  DeliveriesDelivered: { unit: 'Count' },
  DeliveriesFailed: { unit: 'Count' },
  DeliveriesDead: { unit: 'Count' },
  /** One delivery attempt, from claim to recorded outcome, per channel. */
  AttemptLatency: { unit: 'Milliseconds' },
  /** From the policy change's ingestion to the delivery that carried it, per channel. */
  IngestToDeliveryLatency: { unit: 'Milliseconds' },
  MatcherCandidates: { unit: 'Count' },
  MatcherMatches: { unit: 'Count' },
  /** Records of an import, by result (created, updated, unchanged, rejected). */
  ImportResults: { unit: 'Count' },
  /** Requests authenticated by a key issued before keys carried a checksum (ACCEPT_LEGACY_API_KEYS). */
  LegacyApiKeyUses: { unit: 'Count' },
  /** A webhook endpoint's circuit opened, reopened after a failed probe, or closed again. */
  CircuitOpened: { unit: 'Count', undimensioned: true },
  CircuitReopened: { unit: 'Count', undimensioned: true },
  CircuitClosed: { unit: 'Count', undimensioned: true },
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof METRICS;
export type MetricDimensions = Readonly<Record<string, string>>;

/** Whether the metric is counted with no dimension at all (see `MetricSpec`). */
export function isUndimensioned(name: MetricName): boolean {
  const spec: MetricSpec = METRICS[name];
  return spec.undimensioned === true;
}

/** What code that counts things needs; consumers take it as an optional dependency. */
export interface MetricsRecorder {
  record(name: MetricName, value: number, dimensions?: MetricDimensions): void;
  /** Sends what was recorded since the last flush (end of an invocation, or periodically). */
  flush(): Promise<void>;
}

/** Records nothing: the default where no recorder is wired. */
export const noMetrics: MetricsRecorder = {
  record: () => undefined,
  flush: async () => undefined,
};

/** Several recorders as one (EMF and the local counters). */
export function combinedMetrics(...recorders: MetricsRecorder[]): MetricsRecorder {
  return {
    record: (name, value, dimensions) => {
      for (const recorder of recorders) recorder.record(name, value, dimensions);
    },
    flush: async () => {
      await Promise.all(recorders.map((recorder) => recorder.flush()));
    },
  };
}

/** Recorded values grouped by dimension set, then by metric: what one flush sends. */
export class MetricBuffer {
  private groups = new Map<string, { dimensions: MetricDimensions; values: Map<MetricName, number[]> }>();

  add(name: MetricName, value: number, dimensions: MetricDimensions = {}): void {
    if (!Number.isFinite(value)) return;
    const key = JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
    let group = this.groups.get(key);
    if (!group) {
      group = { dimensions, values: new Map() };
      this.groups.set(key, group);
    }
    const values = group.values.get(name) ?? [];
    values.push(value);
    group.values.set(name, values);
  }

  /** Takes everything buffered so far, leaving the buffer empty. */
  drain(): { dimensions: MetricDimensions; values: Map<MetricName, number[]> }[] {
    const groups = [...this.groups.values()];
    this.groups = new Map();
    return groups;
  }
}
