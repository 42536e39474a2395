import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  isUndimensioned,
  METRICS,
  METRICS_NAMESPACE,
  MetricBuffer,
  type MetricDimensions,
  type MetricName,
  type MetricsRecorder,
} from '../kernel/metrics.js';

/**
 * Metrics as CloudWatch embedded metric format through Powertools Metrics: one EMF document per
 * dimension set at each flush (the end of an invocation), which CloudWatch turns into metrics.
 */
export function emfMetrics(
  serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'material-alerts',
): MetricsRecorder {
  const buffer = new MetricBuffer();
  return {
    record: (name, value, dimensions) => buffer.add(name, value, dimensions),
    flush: async () => {
      for (const group of buffer.drain()) {
        const values = [...group.values];
        publish(
          serviceName,
          group.dimensions,
          values.filter(([name]) => !isUndimensioned(name)),
        );
        publish(
          serviceName,
          undefined,
          values.filter(([name]) => isUndimensioned(name)),
        );
      }
    },
  };
}

/** One EMF document; `dimensions` undefined: none at all, not even the service's default one. */
function publish(
  serviceName: string,
  dimensions: MetricDimensions | undefined,
  values: readonly (readonly [MetricName, readonly number[]])[],
): void {
  if (values.length === 0) return;
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  if (dimensions === undefined) {
    metrics.clearDefaultDimensions();
    // An empty dimension set: CloudWatch keeps the metric, with no dimension.
    metrics.addDimensions({});
  } else if (Object.keys(dimensions).length > 0) metrics.addDimensions({ ...dimensions });
  for (const [name, list] of values) {
    for (const value of list) metrics.addMetric(name, METRICS[name].unit, value);
  }
  metrics.publishStoredMetrics();
}
