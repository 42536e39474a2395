import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSender } from '../../shared/delivery/webhooks/http-sender.js';
import type { MetricDimensions, MetricName, MetricsRecorder } from '../../shared/kernel/metrics.js';
import { emfMetrics } from '../../shared/operations/emf-metrics.js';
import { dispatcherDeps, type Services } from '../../shared/wiring/services.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier, RecordingQueue } from '../support/recording.js';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(() => table?.client.destroy());

/** The JSON documents written to stdout while `work` runs (EMF goes there). */
async function stdoutDocuments(work: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  try {
    await work();
  } finally {
    process.stdout.write = write;
  }
  return lines.flatMap((line) => (line.startsWith('{') ? [JSON.parse(line)] : []));
}

describe('circuit-breaker metrics', () => {
  it('a circuit change is counted through the metrics port and told to the operator topic', async () => {
    const recorded: [MetricName, number, MetricDimensions | undefined][] = [];
    const metrics: MetricsRecorder = {
      record: (name, value, dimensions) => recorded.push([name, value, dimensions]),
      flush: async () => undefined,
    };
    const notifier = new RecordingNotifier();
    const services: Services = {
      ...table,
      queue: new RecordingQueue(),
      notifier,
      sender: createHttpSender({ policy: { allowPrivate: true, requireHttps: false } }),
      clock: () => new Date(),
      metrics,
    };
    const deps = dispatcherDeps(services, {
      retrySchedule: [60_000],
      webhookTimeoutMs: 2_000,
      webhookDisableAfterMs: 86_400_000,
    });
    const at = '2026-03-01T12:00:00.000Z';
    const event = { endpoint: 'https://hooks.example.com', subscriptionId: 'sub_1', failures: 5, at };

    await deps.onCircuitChange?.({ ...event, kind: 'opened', openUntil: Date.parse(at) + 30_000 });
    await deps.onCircuitChange?.({ ...event, kind: 'reopened', openUntil: Date.parse(at) + 60_000 });
    await deps.onCircuitChange?.({ ...event, kind: 'closed' });

    expect(recorded.map(([name, value]) => [name, value])).toEqual([
      ['CircuitOpened', 1],
      ['CircuitReopened', 1],
      ['CircuitClosed', 1],
    ]);
    expect(notifier.operatorEvents.map((e) => e.type)).toEqual([
      'endpoint.circuit-opened',
      'endpoint.circuit-reopened',
      'endpoint.circuit-closed',
    ]);
  });

  it('on CloudWatch the circuit metrics have no dimension at all; the others keep the service and theirs', async () => {
    const metrics = emfMetrics('material-alerts');
    metrics.record('CircuitOpened', 1);
    metrics.record('CircuitClosed', 1, { Channel: 'webhook' });
    metrics.record('DeliveriesDead', 1, { Channel: 'webhook' });

    const documents = await stdoutDocuments(() => metrics.flush());

    const directives = documents.map(
      (doc) => (doc._aws as { CloudWatchMetrics: unknown[] }).CloudWatchMetrics,
    );
    expect(directives).toEqual(
      expect.arrayContaining([
        [
          {
            Namespace: 'MaterialAlerts',
            Dimensions: [['service', 'Channel']],
            Metrics: [{ Name: 'DeliveriesDead', Unit: 'Count' }],
          },
        ],
        [
          {
            Namespace: 'MaterialAlerts',
            Dimensions: [[]],
            Metrics: [{ Name: 'CircuitOpened', Unit: 'Count' }],
          },
        ],
        [
          {
            Namespace: 'MaterialAlerts',
            Dimensions: [[]],
            Metrics: [{ Name: 'CircuitClosed', Unit: 'Count' }],
          },
        ],
      ]),
    );
    expect(documents).toHaveLength(3);
    const circuits = documents.filter((doc) => 'CircuitOpened' in doc || 'CircuitClosed' in doc);
    for (const doc of circuits) expect(doc).not.toHaveProperty('service');
  });
});
