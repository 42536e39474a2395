import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MaterialAlertsStack } from '../../infra/stack.js';
import { DEFAULT_RETRY_SCHEDULE, longestRetrySpanMs } from '../../shared/delivery/retry/retry-schedule.js';
import { TABLE_DESIGN } from '../../shared/store/keys.js';
import {
  functionProperties,
  logicalId,
  resource,
  stack,
  template,
  unbundledApp,
  useSynthesizedStack,
} from './synthesized-stack.js';

// What the stack builds: the table, queues, functions and their triggers, topics, API and outputs.
// What each function may do: stack-permissions.test.ts; the bundles: stack-bundling.test.ts.
useSynthesizedStack();

describe('MaterialAlertsStack', () => {
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

  it('runs six functions on Node.js 22, arm64, traced, with source maps and a one-month log group', () => {
    template.resourceCountIs('AWS::Lambda::Function', 6);
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
    template.resourceCountIs('AWS::Logs::LogGroup', 7);
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
        'CONSOLE_URL',
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
    ['digests', 300, ['DELIVERY_QUEUE_URL', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME']],
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
