import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AlertsFunction, repoRoot } from '../../infra/function.js';
import { MaterialAlertsStack } from '../../infra/stack.js';
import { DEFAULT_RETRY_SCHEDULE, longestRetrySpanMs } from '../../shared/delivery/retry/retry-schedule.js';
import { TABLE_DESIGN } from '../../shared/store/keys.js';

const CdkJsonSchema = z.object({ app: z.string(), context: z.record(z.string(), z.unknown()) });
const cdkJson = CdkJsonSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')));

/** The feature flags from cdk.json, with asset bundling skipped: esbuild runs only in the synth test. */
function unbundledApp(): App {
  return new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
}

const StatementSchema = z.object({
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string())]).transform((a) => (Array.isArray(a) ? a : [a])),
  Resource: z.unknown(),
});
type Statement = z.infer<typeof StatementSchema>;
const PolicySchema = z.object({
  Properties: z.object({
    Roles: z.array(z.unknown()),
    PolicyDocument: z.object({ Statement: z.array(StatementSchema) }),
  }),
});
const RoleSchema = z.object({
  Properties: z.object({ ManagedPolicyArns: z.array(z.unknown()).optional() }),
});

describe('MaterialAlertsStack', () => {
  let stack: MaterialAlertsStack;
  let template: Template;

  beforeAll(() => {
    stack = new MaterialAlertsStack(unbundledApp(), 'MaterialAlerts');
    template = Template.fromStack(stack);
  });

  function logicalId(construct: IConstruct): string {
    const resource = construct.node.defaultChild;
    if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CFN resource`);
    return stack.getLogicalId(resource);
  }

  function resource(construct: IConstruct): unknown {
    return template.toJSON().Resources[logicalId(construct)];
  }

  function functionProperties(fn: AlertsFunction) {
    return z
      .object({
        Properties: z.object({
          Timeout: z.number(),
          Environment: z.object({ Variables: z.record(z.string(), z.unknown()) }),
        }),
      })
      .parse(resource(fn.fn)).Properties;
  }

  function roleId(fn: AlertsFunction): string {
    if (!fn.fn.role) throw new Error(`${fn.node.path} has no role`);
    return logicalId(fn.fn.role);
  }

  /** Every IAM statement attached to the function's execution role, inline policies included. */
  function statementsOf(fn: AlertsFunction): Statement[] {
    const role = { Ref: roleId(fn) };
    return Object.values(template.findResources('AWS::IAM::Policy'))
      .map((policy) => PolicySchema.parse(policy).Properties)
      .filter((policy) => policy.Roles.some((r) => JSON.stringify(r) === JSON.stringify(role)))
      .flatMap((policy) => policy.PolicyDocument.Statement);
  }

  function actionsOn(statements: Statement[], resourceArn: unknown): string[] {
    return statements
      .filter((s) => s.Effect === 'Allow')
      .filter((s) => JSON.stringify(s.Resource) === JSON.stringify(resourceArn))
      .flatMap((s) => s.Action);
  }

  function allActions(statements: Statement[]): string[] {
    return statements.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action);
  }

  it('keeps all data in one retained table with pk/sk, gsi1, a keys-only gsi2, a NEW_IMAGE stream, PITR, SSE and ttl', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
          { AttributeName: 'gsi2pk', AttributeType: 'S' },
          { AttributeName: 'gsi2sk', AttributeType: 'S' },
        ]),
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }),
          // Sparse open-work index: the recovery sweep reads only keys from it.
          Match.objectLike({
            IndexName: 'gsi2',
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          }),
        ],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        SSESpecification: Match.objectLike({ SSEEnabled: true }),
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('builds the table from the key design the stores use', () => {
    const table = resource(stack.table) as { Properties: Record<string, unknown> };
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      TABLE_DESIGN.indexes.map((index) =>
        expect.objectContaining({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: index.projection },
        }),
      ),
    );
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: TABLE_DESIGN.ttlAttribute,
      Enabled: true,
    });
  });

  it('gives the delivery queue a visibility timeout of at least six dispatcher timeouts', () => {
    const dispatcher = resource(stack.dispatcher.fn) as { Properties: { Timeout: number } };
    const queue = resource(stack.deliveryQueue) as { Properties: { VisibilityTimeout: number } };
    expect(dispatcher.Properties.Timeout).toBe(60);
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * dispatcher.Properties.Timeout);
  });

  it('keeps a delivery message longer than the longest retry span, and its dead letter longer still', () => {
    const queue = resource(stack.deliveryQueue) as { Properties: { MessageRetentionPeriod: number } };
    const deadLetters = resource(stack.deliveryDeadLetterQueue) as {
      Properties: { MessageRetentionPeriod: number };
    };
    const attempts = DEFAULT_RETRY_SCHEDULE.length + 1;
    // Every wait at its longest, plus each attempt running for a whole dispatcher timeout.
    const needed = longestRetrySpanMs(DEFAULT_RETRY_SCHEDULE) / 1000 + attempts * 60;
    expect(needed).toBeGreaterThan(3 * 86_400);
    expect(queue.Properties.MessageRetentionPeriod).toBeGreaterThanOrEqual(needed);
    expect(deadLetters.Properties.MessageRetentionPeriod).toBeGreaterThan(
      queue.Properties.MessageRetentionPeriod,
    );
  });

  it('runs five functions on Node.js 22, arm64, traced, with source maps and a one-month log group', () => {
    template.resourceCountIs('AWS::Lambda::Function', 5);
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
      Environment: {
        Variables: Match.objectLike({
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'material-alerts',
        }),
      },
    });
    // One per function, plus the HTTP API's access log.
    template.resourceCountIs('AWS::Logs::LogGroup', 6);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    // No LogRetention custom resource (the deprecated logRetention option).
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  it.each([
    [
      'api',
      10,
      [
        'ADMIN_API_KEY_SECRET_ARN',
        'DELIVERY_QUEUE_URL',
        'NODE_OPTIONS',
        'OPERATOR_TOPIC_ARN',
        'POWERTOOLS_SERVICE_NAME',
        'TABLE_NAME',
      ],
    ],
    [
      'matcher',
      300,
      ['DELIVERY_QUEUE_URL', 'NODE_OPTIONS', 'OPERATOR_TOPIC_ARN', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'],
    ],
    [
      'dispatcher',
      60,
      [
        'DEAD_LETTER_QUEUE_URL',
        'DELIVERY_QUEUE_URL',
        'DISPATCHER_MAX_CONCURRENCY',
        'NODE_OPTIONS',
        'OPERATOR_TOPIC_ARN',
        'POWERTOOLS_SERVICE_NAME',
        'TABLE_NAME',
      ],
    ],
    [
      'scheduler',
      300,
      ['DELIVERY_QUEUE_URL', 'NODE_OPTIONS', 'OPERATOR_TOPIC_ARN', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'],
    ],
    ['importer', 300, ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME']],
  ] as const)('gives the %s function a %i s timeout and exactly its environment', (name, timeout, env) => {
    const properties = functionProperties(stack[name]);
    expect(properties.Timeout).toBe(timeout);
    expect(Object.keys(properties.Environment.Variables).sort()).toEqual(env);
  });

  it('triggers the matcher only for inserted REV# items, with bisection, retries and a failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.matcher.fn) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [
          {
            Pattern: Match.serializedJson({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { sk: { S: [{ prefix: 'REV#' }] } } },
            }),
          },
        ],
      },
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.matcherFailureQueue), 'Arn'] } },
      },
    });
  });

  it('feeds the dispatcher from the delivery queue in batches of 10 with per-message failures', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.dispatcher.fn) },
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.deliveryQueue), 'Arn'] },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      // The fleet-wide pool of attempts is bounded; within it SQS fair queues (the endpoint as
      // message group) keep one endpoint from taking it all.
      ScalingConfig: { MaximumConcurrency: 50 },
    });
  });

  it('tells the dispatcher the pool it is part of, as the event source bounds it', () => {
    expect(functionProperties(stack.dispatcher).Environment.Variables.DISPATCHER_MAX_CONCURRENCY).toBe('50');
  });

  it('lets endpoint items (pace, circuit) expire when idle, through the table TTL', () => {
    // Endpoint items (pace, circuit) expire through the table's TTL attribute when idle.
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
  });

  it('redrives poison delivery messages to a 14-day dead-letter queue; every queue is encrypted and TLS-only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 360,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack.deliveryDeadLetterQueue), 'Arn'] },
        maxReceiveCount: 20,
      },
    });
    expect(resource(stack.deliveryDeadLetterQueue)).toMatchObject({
      Properties: { MessageRetentionPeriod: 14 * 24 * 3600 },
    });
    template.resourceCountIs('AWS::SQS::Queue', 3);
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.resourceCountIs('AWS::SQS::QueuePolicy', 3);
    template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('encrypts the operator and alarm topics with the rotated customer-managed key and refuses publishes without TLS', () => {
    template.resourceCountIs('AWS::SNS::Topic', 2);
    template.allResourcesProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack.topicKey), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('generates a 40-character admin API key without punctuation', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 40 },
    });
  });

  it('routes every HTTP request to the api function (payload 2.0) on a throttled $default stage', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [logicalId(stack.api.fn), 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('lets no function role hold managed policies beyond basic Lambda execution', () => {
    for (const fn of [stack.api, stack.matcher, stack.dispatcher, stack.scheduler, stack.importer]) {
      const role = RoleSchema.parse(template.toJSON().Resources[roleId(fn)]);
      expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toMatch(/AWSLambdaBasicExecutionRole"/);
      expect(role.Properties.ManagedPolicyArns).toHaveLength(1);
    }
  });

  /** The e-mail topic ARN pattern: `arn:<partition>:sns:<region>:<account>:material-alerts-sub-*`. */
  const emailTopics = {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':sns:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':material-alerts-sub-*',
      ],
    ],
  };

  function snsActions(statements: Statement[]): string[] {
    return allActions(statements).filter((a) => a.startsWith('sns:'));
  }

  it('gives every function item access to the table and its indexes only, never table control', () => {
    for (const fn of [stack.api, stack.matcher, stack.dispatcher, stack.scheduler, stack.importer]) {
      const statements = statementsOf(fn);
      const actions = allActions(statements);
      expect(actions, fn.node.id).toContain('dynamodb:Query');
      expect(actions, fn.node.id).not.toContain('dynamodb:DeleteTable');
      expect(actions, fn.node.id).not.toContain('dynamodb:*');
      expect(
        actions.filter((a) => a.startsWith('dynamodb:') && a.includes('*')),
        fn.node.id,
      ).toEqual([]);
    }
  });

  it('lets the dispatcher publish SMS (no ARN, so "*"), keep e-mail topics in step, consume its queue and send to the DLQ', () => {
    const statements = statementsOf(stack.dispatcher);
    // Direct SMS publishes target no ARN: sns:Publish is the only non-X-Ray action on '*'.
    expect(actionsOn(statements, '*').sort()).toEqual([
      'sns:Publish',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    // sendEmail may create a missing topic on demand, but deleting topics is the api's business.
    expect(actionsOn(statements, emailTopics).sort()).toEqual([
      'sns:CreateTopic',
      'sns:ListSubscriptionsByTopic',
      'sns:Subscribe',
      'sns:Unsubscribe',
    ]);
    expect(snsActions(statements).sort()).toEqual([
      'sns:CreateTopic',
      'sns:ListSubscriptionsByTopic',
      'sns:Publish',
      'sns:Publish',
      'sns:Subscribe',
      'sns:Unsubscribe',
    ]);
    // Circuit-breaker notices: publish to the operator topic, nothing else on it.
    expect(actionsOn(statements, { Ref: logicalId(stack.operatorTopic) })).toEqual(['sns:Publish']);
    expect(actionsOn(statements, { 'Fn::GetAtt': [logicalId(stack.deliveryQueue), 'Arn'] })).toEqual(
      expect.arrayContaining([
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:SendMessage',
      ]),
    );
    // Dead deliveries are copied to the DLQ: send only, never consume or purge it.
    const dlq = actionsOn(statements, { 'Fn::GetAtt': [logicalId(stack.deliveryDeadLetterQueue), 'Arn'] });
    expect(dlq).toContain('sqs:SendMessage');
    expect(dlq.filter((a) => /Receive|Delete|Purge/.test(a))).toEqual([]);
    expect(functionProperties(stack.dispatcher).Environment.Variables.DEAD_LETTER_QUEUE_URL).toEqual({
      Ref: logicalId(stack.deliveryDeadLetterQueue),
    });
  });

  it('lets the api manage only material-alerts-sub-* e-mail topics, text confirmation codes (SMS) and read only the admin key secret', () => {
    const statements = statementsOf(stack.api);
    const actions = allActions(statements);
    // sns:Publish only where an E.164 number is the target (no ARN): never on a topic.
    expect(actionsOn(statements, '*').filter((a) => a.startsWith('sns:'))).toEqual(['sns:Publish']);
    expect(actionsOn(statements, { Ref: logicalId(stack.operatorTopic) })).toEqual([]);
    expect(actions.filter((a) => a.startsWith('kms:'))).toEqual([]);
    expect(actionsOn(statements, emailTopics).sort()).toEqual([
      'sns:CreateTopic',
      'sns:DeleteTopic',
      'sns:ListSubscriptionsByTopic',
      'sns:Subscribe',
      'sns:Unsubscribe',
    ]);
    // Every other SNS permission is on the prefix.
    expect(snsActions(statements).sort()).toEqual(
      [...actionsOn(statements, emailTopics), 'sns:Publish'].sort(),
    );
    expect(actions).not.toContain('sqs:ReceiveMessage');
    expect(actionsOn(statements, { Ref: logicalId(stack.adminApiKeySecret) }).sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
    expect(actionsOn(statements, '*').every((a) => a.startsWith('xray:') || a === 'sns:Publish')).toBe(true);
  });

  it.each([
    ['matcher', 'matcher'],
    ['scheduler', 'scheduler'],
  ] as const)('lets the %s publish to the operator topic only: no SMS, no e-mail topics', (_label, name) => {
    const statements = statementsOf(stack[name]);
    expect(snsActions(statements)).toEqual(['sns:Publish']);
    expect(actionsOn(statements, { Ref: logicalId(stack.operatorTopic) })).toEqual(['sns:Publish']);
    expect(actionsOn(statements, '*').every((a) => a.startsWith('xray:'))).toBe(true);
    expect(actionsOn(statements, emailTopics)).toEqual([]);
    const queueArn = { 'Fn::GetAtt': [logicalId(stack.deliveryQueue), 'Arn'] };
    const onQueue = statements.filter(
      (st) =>
        JSON.stringify(st.Resource) === JSON.stringify(queueArn) ||
        (Array.isArray(st.Resource) &&
          st.Resource.some((r) => JSON.stringify(r) === JSON.stringify(queueArn))),
    );
    expect(onQueue.flatMap((st) => st.Action)).toContain('sqs:SendMessage');
    expect(allActions(statements)).not.toContain('sqs:ReceiveMessage');
  });

  it('gives the scheduler the table, delivery-queue send and operator publish, and nothing of the DLQ or secrets', () => {
    const statements = statementsOf(stack.scheduler);
    const actions = allActions(statements);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem']),
    );
    expect(
      actionsOn(statements, { 'Fn::GetAtt': [logicalId(stack.deliveryDeadLetterQueue), 'Arn'] }),
    ).toEqual([]);
    expect(actions.filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('dynamodb:') && a.includes('Stream'))).toEqual([]);
  });

  it('runs the scheduler every five minutes from an EventBridge rule, which alone may invoke it', () => {
    template.resourceCountIs('AWS::Events::Rule', 2);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(stack.scheduler.fn), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2 },
        }),
      ],
    });
    const rules = template.findResources('AWS::Events::Rule', {
      Properties: { ScheduleExpression: 'rate(5 minutes)' },
    });
    const [ruleId] = Object.keys(rules);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [logicalId(stack.scheduler.fn), 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
    // Nothing else triggers it: no event source mapping points at the scheduler.
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(JSON.stringify(mappings)).not.toContain(logicalId(stack.scheduler.fn));
  });

  it('polls the Federal Register hourly from an EventBridge rule with only item access to the table', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(stack.importer.fn), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2 },
        }),
      ],
    });
    const actions = allActions(statementsOf(stack.importer));
    expect(actions.filter((a) => !a.startsWith('xray:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(JSON.stringify(mappings)).not.toContain(logicalId(stack.importer.fn));
  });

  it('alarms when an import run fails', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.importer.fn) } }],
      AlarmActions: [{ Ref: logicalId(stack.alarmTopic) }],
    });
  });

  it('leaves every resource name to CloudFormation', () => {
    for (const [type, key] of [
      ['AWS::DynamoDB::GlobalTable', 'TableName'],
      ['AWS::SQS::Queue', 'QueueName'],
      ['AWS::SNS::Topic', 'TopicName'],
      ['AWS::Lambda::Function', 'FunctionName'],
      ['AWS::IAM::Role', 'RoleName'],
      ['AWS::Logs::LogGroup', 'LogGroupName'],
      ['AWS::SecretsManager::Secret', 'Name'],
    ] as const) {
      template.allResourcesProperties(type, { [key]: Match.absent() });
    }
  });

  it('outputs the API URL, table, queue, topic and admin key secret', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual([
      'AdminApiKeySecretArn',
      'AlarmTopicArn',
      'ApiUrl',
      'ConsoleUrl',
      'DeliveryQueueUrl',
      'OperatorTopicArn',
      'TableName',
    ]);
  });

  it('names the admin key secret when adminApiKeySecretName is given', () => {
    const named = new MaterialAlertsStack(unbundledApp(), 'Named', {
      adminApiKeySecretName: 'alerts/admin-key',
    });
    Template.fromStack(named).hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'alerts/admin-key',
    });
  });
});

describe('cdk synth', () => {
  it('bundles every function into an ESM index.mjs without AWS credentials or network, the AWS SDK left to the runtime', {
    timeout: 120_000,
  }, () => {
    const outdir = mkdtempSync(join(tmpdir(), 'material-alerts-synth-'));
    try {
      execFileSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', outdir], {
        cwd: repoRoot,
        stdio: 'pipe',
        timeout: 120_000,
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: '1' },
      });

      const synthesized = z
        .object({
          Resources: z.record(
            z.string(),
            z.object({
              Type: z.string(),
              Properties: z.object({ Code: z.object({ S3Key: z.string() }).optional() }).optional(),
              Metadata: z.object({ 'aws:cdk:path': z.string() }).optional(),
            }),
          ),
        })
        .parse(JSON.parse(readFileSync(join(outdir, 'MaterialAlerts.template.json'), 'utf8')));
      // CDK's own function that uploads the console (see console-site.test.ts) is not ours to bundle.
      const functions = Object.values(synthesized.Resources).filter(
        (r) =>
          r.Type === 'AWS::Lambda::Function' &&
          !r.Metadata?.['aws:cdk:path'].startsWith('MaterialAlerts/Custom::CDKBucketDeployment'),
      );
      expect(functions.map((f) => f.Metadata?.['aws:cdk:path']).sort()).toEqual([
        'MaterialAlerts/Api/Function/Resource',
        'MaterialAlerts/Dispatcher/Function/Resource',
        'MaterialAlerts/Importer/Function/Resource',
        'MaterialAlerts/Matcher/Function/Resource',
        'MaterialAlerts/Scheduler/Function/Resource',
      ]);
      // Five distinct bundles: each function ships only its own handler.
      expect(new Set(functions.map((f) => f.Properties?.Code?.S3Key)).size).toBe(5);
      for (const fn of functions) {
        const assetHash = fn.Properties?.Code?.S3Key.replace(/\.zip$/, '');
        expect(assetHash).toMatch(/^[0-9a-f]{64}$/);
        const bundle = join(outdir, `asset.${assetHash}`, 'index.mjs');
        expect(existsSync(bundle)).toBe(true);
        const code = readFileSync(bundle, 'utf8');
        expect(code).toContain('createRequire');
        expect(existsSync(`${bundle}.map`)).toBe(true);
        // zod goes in without its error-message locales (BUNDLE_ALIASES): no Italian one, for example.
        expect(code).not.toContain('Input non valido');
        // The AWS SDK is left to the Node.js 22 runtime, which ships it; nothing else is imported
        // from outside the bundle but Node's own modules.
        const imports = [...code.matchAll(/(?:\bfrom|\bimport)\s*"((?:node:)?[@a-z][\w@/.-]*)"/g)].map(
          (match) => match[1] ?? '',
        );
        expect(imports).toContain('@aws-sdk/client-dynamodb');
        expect(imports.filter((spec) => !spec.startsWith('@aws-sdk/') && !isBuiltin(spec))).toEqual([]);
        const api = fn.Metadata?.['aws:cdk:path'] === 'MaterialAlerts/Api/Function/Resource';
        // The api is minified without kept names, so nothing in it may compare constructor names;
        // the others keep them (Powertools batch compares its processor's in the dispatcher).
        if (api)
          expect(/constructor\.name\s*===/.test(code), 'the api bundle compares constructor names').toBe(
            false,
          );
        // Kept names leave each function's name in the code as a string (loadConfig is in every bundle).
        expect({ api, keptNames: code.includes('"loadConfig"') }).toEqual({ api, keptNames: !api });
        // X-Ray subsegments on every AWS call in the functions whose work is AWS calls; the api is
        // traced by Lambda's own segment, without the X-Ray SDK.
        expect({ api, xray: code.includes('AWSXRay') || code.includes('aws-xray-sdk') }).toEqual({
          api,
          xray: !api,
        });
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
