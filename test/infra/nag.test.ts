import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnElement, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AlertsFunction, repoRoot } from '../../infra/function.js';
import { MaterialAlertsStack } from '../../infra/stack.js';

const context = z
  .object({ context: z.record(z.string(), z.unknown()) })
  .parse(JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8'))).context;

/** Acknowledged cdk-nag findings: rule id (with its finding) and the reason written for it. */
function acknowledgements(stack: MaterialAlertsStack): { path: string; id: string; reason: string }[] {
  return stack.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(z.record(z.string(), z.string()).parse(entry.data)).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^Annotation::/, ''),
          reason,
        })),
      ),
  );
}

/** The findings we accept, each for a reason written beside it in infra/: nothing broader. */
const ACCEPTED = [
  /^AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole\]$/,
  /^AwsSolutions-IAM5\[Resource::\*\]$/,
  /^AwsSolutions-IAM5\[Resource::<Table[0-9A-F]+\.Arn>\/index\/\*\]$/,
  /^AwsSolutions-IAM5\[Action::kms:GenerateDataKey\*\]$/,
  /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:material-alerts-sub-\*\]$/,
  /^AwsSolutions-L1$/,
  /^AwsSolutions-SQS3$/,
  /^AwsSolutions-SMG4$/,
  /^AwsSolutions-APIG4$/,
];

describe('cdk-nag AwsSolutions on MaterialAlertsStack', () => {
  let stack: MaterialAlertsStack;
  let template: Template;

  beforeAll(() => {
    const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    stack = new MaterialAlertsStack(app, 'MaterialAlerts');
    template = Template.fromStack(stack);
  });

  function logicalId(construct: IConstruct): string {
    const resource = construct.node.defaultChild;
    if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CFN resource`);
    return stack.getLogicalId(resource);
  }

  it('leaves no finding unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations.map(
      (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.locations?.join(',') ?? '').join('; ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only the accepted findings, each with a written reason', () => {
    const acks = acknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(
        ACCEPTED.some((pattern) => pattern.test(ack.id)),
        `${ack.path}: ${ack.id}`,
      ).toBe(true);
      // A reason says why, not just "ok": a sentence.
      expect(ack.reason.length, `${ack.path}: ${ack.id}`).toBeGreaterThanOrEqual(60);
    }
    // SMS publishing on "*" is explained where it is granted, on the two functions that text:
    // the dispatcher (alerts) and the API (confirmation codes).
    const sms = acks.filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]' && /SMS/.test(a.reason));
    expect(sms.map((a) => a.path).sort()).toEqual(['MaterialAlerts/Api', 'MaterialAlerts/Dispatcher']);
  });

  it('encrypts the topics with a customer-managed key that rotates and that CloudWatch may use', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    for (const topic of [stack.operatorTopic, stack.alarmTopic]) {
      expect(template.toJSON().Resources[logicalId(topic)].Properties.KmsMasterKeyId).toEqual({
        'Fn::GetAtt': [logicalId(stack.topicKey), 'Arn'],
      });
    }
  });

  it("alarms on every function's errors, on both dead-letter queues and on API 5xx, to the alarm topic and back", () => {
    // The service-metric alarms (dead deliveries, latency: test/infra/dashboard.test.ts) are not these.
    const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'))
      .filter(([id]) => !id.startsWith('Metrics'))
      .map(([, alarm]) => alarm)
      .map(
        (alarm) =>
          z
            .object({
              Properties: z.object({
                Namespace: z.string(),
                MetricName: z.string(),
                Dimensions: z.array(z.object({ Name: z.string(), Value: z.unknown() })),
                Threshold: z.number(),
                AlarmActions: z.array(z.unknown()),
                OKActions: z.array(z.unknown()),
              }),
            })
            .parse(alarm).Properties,
      );
    const alarmTopic = { Ref: logicalId(stack.alarmTopic) };
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([alarmTopic]);
      expect(alarm.OKActions).toEqual([alarmTopic]);
      expect(alarm.Threshold).toBe(1);
    }

    const functions = stack.node.findAll().filter((c): c is AlertsFunction => c instanceof AlertsFunction);
    expect(functions.length).toBeGreaterThanOrEqual(4);
    const errorAlarms = alarms.filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors');
    expect(errorAlarms.map((a) => a.Dimensions[0]?.Value).sort()).toEqual(
      functions.map((fn) => ({ Ref: logicalId(fn.fn) })).sort(),
    );

    const depthAlarms = alarms.filter(
      (a) => a.Namespace === 'AWS/SQS' && a.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    expect(depthAlarms.map((a) => a.Dimensions[0]?.Value)).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [logicalId(stack.deliveryDeadLetterQueue), 'QueueName'] },
        { 'Fn::GetAtt': [logicalId(stack.matcherFailureQueue), 'QueueName'] },
      ]),
    );
    expect(alarms.some((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toBe(true);
  });

  it('writes API Gateway access logs (request id, status, latency) to a one-month log group', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.serializedJson(
          Match.objectLike({ requestId: '$context.requestId', status: '$context.status' }),
        ),
      },
    });
  });

  it('lets no function scan the table, batch-write, or manage it', () => {
    const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      z
        .object({
          Properties: z.object({
            PolicyDocument: z.object({
              Statement: z.array(z.object({ Action: z.union([z.string(), z.array(z.string())]) })),
            }),
          }),
        })
        .parse(policy)
        .Properties.PolicyDocument.Statement.flatMap((s) =>
          Array.isArray(s.Action) ? s.Action : [s.Action],
        ),
    );
    const dynamodb = [...new Set(actions.filter((a) => a.startsWith('dynamodb:')))].sort();
    expect(dynamodb).not.toContain('dynamodb:Scan');
    // Batch puts are granted: the matcher writes new deliveries' state 25 a request.
    expect(dynamodb).toContain('dynamodb:BatchWriteItem');
    expect(dynamodb.filter((a) => /\*|Table$|Tables$|TimeToLive|Backup/.test(a))).toEqual([]);
  });
});
