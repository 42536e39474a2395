import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { AlertsFunction } from '../../infra/function.js';
import {
  actionsOn,
  allActions,
  functionProperties,
  logicalId,
  RoleSchema,
  roleId,
  type Statement,
  stack,
  statementsOf,
  template,
  useSynthesizedStack,
} from './synthesized-stack.js';

// What each function's role may do, and what alone may invoke the scheduled ones.
// What the stack builds: stack-resources.test.ts.
useSynthesizedStack();

describe('MaterialAlertsStack', () => {
  // Read once the stack is built (in the harness's beforeAll).
  const functions = () => [
    stack.api,
    stack.matcher,
    stack.dispatcher,
    stack.scheduler,
    stack.importer,
    stack.digests,
  ];
  it('lets no function role hold managed policies beyond basic Lambda execution', () => {
    for (const fn of functions()) {
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

  /** An enabled EventBridge rule runs `fn` on `expression`, with two retries. */
  function expectScheduled(expression: string, fn: AlertsFunction): void {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: expression,
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(fn.fn), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2 },
        }),
      ],
    });
  }

  it('gives every function item access to the table and its indexes only, never table control', () => {
    for (const fn of functions()) {
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
    template.resourceCountIs('AWS::Events::Rule', 3);
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

  it('sends digests every five minutes from an EventBridge rule, with the table and queue send only', () => {
    expectScheduled('cron(2/5 * * * ? *)', stack.digests);
    const actions = allActions(statementsOf(stack.digests));
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'sqs:SendMessage']),
    );
    expect(actions.filter((a) => a.startsWith('sns:') || a.startsWith('secretsmanager:'))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('sqs:Receive') || a.startsWith('sqs:Delete'))).toEqual([]);
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(JSON.stringify(mappings)).not.toContain(logicalId(stack.digests.fn));
  });

  it('polls the Federal Register hourly from an EventBridge rule with only item access to the table', () => {
    expectScheduled('rate(1 hour)', stack.importer);
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
});
