import { Duration } from 'aws-cdk-lib';
import {
  type Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type MetricName } from '../shared/kernel/metrics.js';

const CHANNELS = ['webhook', 'sms', 'email'] as const;

export interface ServiceDashboardProps {
  /** Where the alarms (and their return to OK) are published. */
  readonly topic: ITopic;
  /** The functions' POWERTOOLS_SERVICE_NAME: Powertools adds it as the `service` dimension. */
  readonly serviceName: string;
  /** Webhook deliveries slower than this from ingestion (p95 over 15 minutes) raise an alarm. */
  readonly deliveryLatencyThreshold?: Duration;
}

/**
 * The service's own metrics (EMF from the functions, shared/kernel/metrics.ts) on one
 * CloudWatch dashboard, with alarms on dead deliveries and on slow delivery.
 */
export class ServiceDashboard extends Construct {
  public readonly dashboard: Dashboard;
  public readonly deadDeliveriesAlarm: Alarm;
  public readonly deliveryLatencyAlarm: Alarm;

  public constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const metric = (name: MetricName, statistic: string, channel?: string, period = Duration.minutes(5)) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: props.serviceName, ...(channel ? { Channel: channel } : {}) },
        statistic,
        period,
        ...(channel ? { label: channel } : {}),
      });
    const byChannel = (name: MetricName, statistic: string) =>
      CHANNELS.map((channel) => metric(name, statistic, channel));
    // Ids unique across a widget that shows several totals: deliveriesDead_webhook, …
    const idOf = (name: MetricName, channel: string) =>
      `${name.charAt(0).toLowerCase()}${name.slice(1)}_${channel}`;
    const total = (name: MetricName, label: string, period = Duration.minutes(5)) =>
      new MathExpression({
        expression: CHANNELS.map((channel) => `FILL(${idOf(name, channel)}, 0)`).join(' + '),
        usingMetrics: Object.fromEntries(
          CHANNELS.map((channel) => [idOf(name, channel), metric(name, 'Sum', channel, period)]),
        ),
        label,
        period,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          new SingleValueWidget({
            title: 'Last hour',
            width: 24,
            metrics: [
              metric('AlertsCreated', 'Sum', undefined, Duration.hours(1)),
              total('DeliveriesDelivered', 'Delivered', Duration.hours(1)),
              total('DeliveriesFailed', 'Failed attempts', Duration.hours(1)),
              total('DeliveriesDead', 'Dead', Duration.hours(1)),
            ],
          }),
        ],
        [
          new GraphWidget({
            title: 'Delivered, by channel',
            width: 8,
            left: byChannel('DeliveriesDelivered', 'Sum'),
          }),
          new GraphWidget({
            title: 'Failed attempts, by channel',
            width: 8,
            left: byChannel('DeliveriesFailed', 'Sum'),
          }),
          new GraphWidget({ title: 'Dead, by channel', width: 8, left: byChannel('DeliveriesDead', 'Sum') }),
        ],
        [
          new GraphWidget({
            title: 'Ingest to delivery (p95, ms)',
            width: 12,
            left: byChannel('IngestToDeliveryLatency', 'p95'),
          }),
          new GraphWidget({
            title: 'Attempt latency (p95, ms)',
            width: 12,
            left: byChannel('AttemptLatency', 'p95'),
          }),
        ],
        [
          new GraphWidget({
            title: 'Matcher: candidates read and matches',
            width: 12,
            left: [
              metric('MatcherCandidates', 'Sum'),
              metric('MatcherMatches', 'Sum'),
              metric('AlertsCreated', 'Sum'),
            ],
          }),
          new GraphWidget({
            title: 'Imports, by result',
            width: 12,
            left: ['created', 'updated', 'unchanged', 'rejected'].map(
              (result) =>
                new Metric({
                  namespace: METRICS_NAMESPACE,
                  metricName: 'ImportResults',
                  dimensionsMap: { service: props.serviceName, Result: result },
                  statistic: 'Sum',
                  period: Duration.minutes(5),
                  label: result,
                }),
            ),
          }),
        ],
        [
          new GraphWidget({
            title: 'Requests with legacy API keys (ACCEPT_LEGACY_API_KEYS can go off at zero)',
            width: 12,
            left: [metric('LegacyApiKeyUses', 'Sum', undefined, Duration.hours(1))],
          }),
          new GraphWidget({
            title: 'Webhook endpoint circuits',
            width: 12,
            // Counted with no dimension at all (not even the service's): one series each.
            left: (['CircuitOpened', 'CircuitReopened', 'CircuitClosed'] as const).map(
              (name) =>
                new Metric({
                  namespace: METRICS_NAMESPACE,
                  metricName: name,
                  statistic: 'Sum',
                  period: Duration.minutes(5),
                }),
            ),
          }),
        ],
      ],
    });

    const action = new SnsAction(props.topic);
    this.deadDeliveriesAlarm = total('DeliveriesDead', 'Dead deliveries').createAlarm(
      this,
      'DeadDeliveries',
      {
        alarmDescription:
          'A delivery died (retries exhausted, receiver gone, or channel removed): GET /v1/admin/deliveries/dead lists them; POST /v1/admin/deliveries/dead/retry sends them again',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      },
    );
    const latency = props.deliveryLatencyThreshold ?? Duration.minutes(5);
    const webhookLatency = new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: 'IngestToDeliveryLatency',
      dimensionsMap: { service: props.serviceName, Channel: 'webhook' },
      statistic: 'p95',
      period: Duration.minutes(5),
    });
    this.deliveryLatencyAlarm = webhookLatency.createAlarm(this, 'DeliveryLatency', {
      alarmDescription: `Webhooks take longer than ${latency.toHumanString()} from ingestion to delivery (p95, three 5-minute periods)`,
      threshold: latency.toMilliseconds(),
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.deadDeliveriesAlarm, this.deliveryLatencyAlarm]) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
