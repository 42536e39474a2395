import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS, METRICS_NAMESPACE, MetricBuffer, type MetricsRecorder } from '../kernel/metrics.js';

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
        const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
        if (Object.keys(group.dimensions).length > 0) metrics.addDimensions({ ...group.dimensions });
        for (const [name, values] of group.values) {
          for (const value of values) metrics.addMetric(name, METRICS[name].unit, value);
        }
        metrics.publishStoredMetrics();
      }
    },
  };
}
