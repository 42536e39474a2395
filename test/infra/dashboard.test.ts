import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/function.js';
import { MaterialAlertsStack } from '../../infra/stack.js';
import { METRICS, METRICS_NAMESPACE } from '../../shared/kernel/metrics.js';

describe('MaterialAlertsStack: metrics dashboard and alarms', () => {
  let template: Template;
  let stack: MaterialAlertsStack;

  beforeAll(() => {
    const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: object };
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    stack = new MaterialAlertsStack(app, 'MaterialAlerts');
    template = Template.fromStack(stack);
  });

  it('has one dashboard showing every metric the code emits', () => {
    const dashboards = template.findResources('AWS::CloudWatch::Dashboard');
    expect(Object.keys(dashboards)).toHaveLength(1);
    const body = JSON.stringify(Object.values(dashboards)[0]?.Properties.DashboardBody);
    expect(body).toContain(METRICS_NAMESPACE);
    for (const name of Object.keys(METRICS)) expect(body).toContain(name);
  });

  it('alarms on any dead delivery, summed over the channels, to the alarm topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('A delivery died'),
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression:
            'FILL(deliveriesDead_webhook, 0) + FILL(deliveriesDead_sms, 0) + FILL(deliveriesDead_email, 0)',
        }),
        ...['webhook', 'sms', 'email'].map((channel) =>
          Match.objectLike({
            MetricStat: Match.objectLike({
              Metric: {
                Namespace: METRICS_NAMESPACE,
                MetricName: 'DeliveriesDead',
                Dimensions: Match.arrayWith([
                  { Name: 'Channel', Value: channel },
                  { Name: 'service', Value: 'material-alerts' },
                ]),
              },
            }),
          }),
        ),
      ]),
      AlarmActions: [{ Ref: stack.getLogicalId(stack.alarmTopic.node.defaultChild as never) }],
      OKActions: [{ Ref: stack.getLogicalId(stack.alarmTopic.node.defaultChild as never) }],
    });
  });

  it('alarms when webhooks take more than five minutes from ingestion (p95)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IngestToDeliveryLatency',
      Namespace: METRICS_NAMESPACE,
      ExtendedStatistic: 'p95',
      Threshold: 300_000,
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: Match.arrayWith([{ Name: 'Channel', Value: 'webhook' }]),
    });
  });

  it('names the same service dimension the functions log under', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    for (const fn of Object.values(functions)) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('material-alerts');
    }
  });
});
