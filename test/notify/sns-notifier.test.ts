import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  type ListSubscriptionsByTopicCommandInput,
  PublishBatchCommand,
  type PublishBatchCommandInput,
  PublishCommand,
  SNSClient,
  SNSServiceException,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  LoggingNotifier,
  type OperatorAlert,
  type OperatorAttributes,
} from '../../shared/delivery/notify/notifier.js';
import {
  EMAIL_TOPIC_PREFIX,
  emailTopicName,
  SnsNotifier,
  SnsPublishError,
  snsSubject,
} from '../../shared/delivery/notify/sns-notifier.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert } from '../../shared/model/delivery.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';

const OPERATOR_TOPIC = 'arn:aws:sns:us-east-1:123456789012:material-alerts-operator';
const snsMock = mockClient(SNSClient);
const client = new SNSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

const change: PolicyChange = {
  id: 'pc_0000000001abcdef0123456789',
  revision: 2,
  source: 'mofcom',
  sourceRef: 'announcement-2024-46',
  title: 'Export ban on gallium, germanium and antimony to the United States',
  issuingRegion: 'CN',
  originRegions: ['CN'],
  affectedRegions: ['US'],
  materials: ['gallium', 'germanium', 'antimony'],
  itemTypes: ['goods'],
  changeType: 'export-ban',
  direction: 'tightening',
  severity: 'critical',
  effectiveAt: '2024-12-03T00:00:00.000Z',
  ingestedAt: '2024-12-03T08:00:00.000Z',
  matching: { status: 'pending', matchedSubscriptions: 0 },
};

const alert: Alert = buildAlert({
  change,
  subscriptionId: 'sub_0000000001abcdef0123456789',
  subscriberId: 'sbr_0000000001abcdef0123456789',
  type: 'policy_change.updated',
  match: { materials: [{ change: 'gallium', filter: 'minor-metals' }] },
  now: new Date('2024-12-03T08:00:01.000Z'),
});

const attributes: OperatorAttributes = {
  subscriptionId: alert.subscriptionId,
  materials: change.materials,
  severity: change.severity,
  changeType: change.changeType,
  issuingRegion: change.issuingRegion,
};

const EMAIL_TOPIC = `arn:aws:sns:us-east-1:123456789012:${EMAIL_TOPIC_PREFIX}${alert.subscriptionId}`;

/** SNS's answer to a PublishBatch: every entry accepted unless its Id is listed in `failed`. */
function batchAnswer(input: PublishBatchCommandInput, failed: readonly string[] = []) {
  const entries = input.PublishBatchRequestEntries ?? [];
  return {
    Successful: entries
      .filter((entry) => !failed.includes(entry.Id ?? ''))
      .map((entry) => ({ Id: entry.Id, MessageId: `m-${entry.Id}` })),
    Failed: entries
      .filter((entry) => failed.includes(entry.Id ?? ''))
      .map((entry) => ({ Id: entry.Id, Code: 'InternalError', SenderFault: false })),
  };
}

beforeEach(() => {
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
  snsMock.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => batchAnswer(input));
  snsMock.on(CreateTopicCommand).resolves({ TopicArn: EMAIL_TOPIC });
  snsMock.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
  snsMock.on(SubscribeCommand).resolves({ SubscriptionArn: 'pending confirmation' });
  snsMock.on(UnsubscribeCommand).resolves({});
  snsMock.on(DeleteTopicCommand).resolves({});
});

afterAll(() => {
  snsMock.restore();
});

describe('SnsNotifier', () => {
  it('sendSms publishes directly to the number as a transactional SMS', async () => {
    await new SnsNotifier(client, OPERATOR_TOPIC).sendSms('+4915112345678', alert.text.short);

    expect(snsMock.calls()).toHaveLength(1);
    expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      PhoneNumber: '+4915112345678',
      Message: alert.text.short,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it("sendEmail without a topic ARN creates (or finds) the subscription's topic, subscribes the addresses, then publishes", async () => {
    await new SnsNotifier(client, undefined).sendEmail({
      subscriptionId: alert.subscriptionId,
      addresses: ['compliance@example.com'],
      subject: alert.text.subject,
      body: alert.text.long,
    });

    const calls = snsMock.calls().map((call) => call.args[0]);
    expect(calls.map((command) => command.constructor.name)).toEqual([
      'CreateTopicCommand',
      'ListSubscriptionsByTopicCommand',
      'SubscribeCommand',
      'PublishCommand',
    ]);
    expect(calls[0]?.input).toEqual({ Name: `material-alerts-sub-${alert.subscriptionId}` });
    expect(calls[2]?.input).toEqual({
      TopicArn: EMAIL_TOPIC,
      Protocol: 'email',
      Endpoint: 'compliance@example.com',
    });
    expect(calls[3]?.input).toEqual({
      TopicArn: EMAIL_TOPIC,
      Subject: alert.text.subject,
      MessageStructure: 'json',
      Message: JSON.stringify({ default: alert.text.long, email: alert.text.long }),
    });
  });

  it('sendEmail with the stored topic ARN publishes straight to it: no CreateTopic, no subscription calls', async () => {
    await new SnsNotifier(client, OPERATOR_TOPIC).sendEmail({
      subscriptionId: alert.subscriptionId,
      topicArn: EMAIL_TOPIC,
      addresses: ['compliance@example.com'],
      subject: alert.text.subject,
      body: alert.text.long,
    });

    expect(snsMock.calls()).toHaveLength(1);
    const input = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input).toEqual({
      TopicArn: EMAIL_TOPIC,
      Subject: alert.text.subject,
      MessageStructure: 'json',
      Message: expect.any(String),
    });
    // One text per protocol: 'default' is required with MessageStructure json; mailboxes get 'email'.
    expect(JSON.parse(input?.Message ?? '')).toEqual({ default: alert.text.long, email: alert.text.long });
  });

  it('sendEmail does not publish when the topic cannot be created', async () => {
    const denied = new SNSServiceException({
      name: 'AuthorizationError',
      $fault: 'client',
      $metadata: {},
      message: 'not authorised to create topics',
    });
    snsMock.on(CreateTopicCommand).rejects(denied);

    await expect(
      new SnsNotifier(client, undefined).sendEmail({
        subscriptionId: 'sub_1',
        addresses: ['a@example.com'],
        subject: 's',
        body: 'b',
      }),
    ).rejects.toBe(denied);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('publishOperatorAlerts does nothing without an operator topic or without alerts', async () => {
    await new SnsNotifier(client, undefined).publishOperatorAlerts([{ alert, attributes }]);
    await new SnsNotifier(client, '').publishOperatorAlerts([{ alert, attributes }]);
    await new SnsNotifier(client, OPERATOR_TOPIC).publishOperatorAlerts([]);
    expect(snsMock.calls()).toHaveLength(0);
  });

  it('passes publish failures on to the caller', async () => {
    const throttled = new SNSServiceException({
      name: 'Throttling',
      $fault: 'client',
      $metadata: {},
      message: 'Rate exceeded',
    });
    snsMock.on(PublishCommand).rejects(throttled);

    await expect(new SnsNotifier(client, OPERATOR_TOPIC).sendSms('+14155550123', 'hi')).rejects.toBe(
      throttled,
    );
  });
});

/** `count` alerts of one change, each for its own subscription, with their operator attributes. */
function operatorAlerts(count: number): OperatorAlert[] {
  return Array.from({ length: count }, (_, i) => {
    const subscriptionId = `sub_${String(i).padStart(28, '0')}`;
    const built = buildAlert({
      change,
      subscriptionId,
      subscriberId: 'sbr_0000000001abcdef0123456789',
      type: 'policy_change.updated',
      match: { materials: [{ change: 'gallium', filter: 'gallium' }] },
      now: new Date('2024-12-03T08:00:01.000Z'),
    });
    return { alert: built, attributes: { ...attributes, subscriptionId } };
  });
}

function batchInputs(): PublishBatchCommandInput[] {
  return snsMock.commandCalls(PublishBatchCommand).map((call) => call.args[0].input);
}

describe('SnsNotifier.publishOperatorAlerts', () => {
  it('publishes 23 alerts in three PublishBatch calls of 10, 10 and 3, in order', async () => {
    const alerts = operatorAlerts(23);

    await new SnsNotifier(client, OPERATOR_TOPIC).publishOperatorAlerts(alerts);

    expect(snsMock.calls()).toHaveLength(3);
    const batches = batchInputs();
    expect(batches.map((b) => b.PublishBatchRequestEntries?.length)).toEqual([10, 10, 3]);
    for (const batch of batches) {
      expect(batch.TopicArn).toBe(OPERATOR_TOPIC);
      const ids = (batch.PublishBatchRequestEntries ?? []).map((entry) => entry.Id);
      // Ids need only be unique within one batch.
      expect(new Set(ids).size).toBe(ids.length);
    }
    const entries = batches.flatMap((b) => b.PublishBatchRequestEntries ?? []);
    expect(entries).toHaveLength(23);
    entries.forEach((entry, i) => {
      const sent = alerts[i];
      if (!sent) throw new Error(`no alert ${i}`);
      const { alert: a, attributes: attrs } = sent;
      expect(entry.MessageStructure).toBe('json');
      expect(entry.Subject).toBe(a.text.subject);
      expect(JSON.parse(entry.Message ?? '{}')).toEqual({
        default: a.payload,
        email: a.text.long,
        sms: a.text.short,
      });
      expect(entry.MessageAttributes?.subscriptionId?.StringValue).toBe(attrs.subscriptionId);
      expect(entry.MessageAttributes?.eventType?.StringValue).toBe('policy_change.updated');
    });
  });

  it('sends each alert as a JSON message structure with one text per protocol and filterable attributes', async () => {
    await new SnsNotifier(client, OPERATOR_TOPIC).publishOperatorAlerts([{ alert, attributes }]);

    const [entry] = batchInputs()[0]?.PublishBatchRequestEntries ?? [];
    expect(entry).toEqual({
      Id: expect.any(String),
      Subject: alert.text.subject,
      MessageStructure: 'json',
      Message: expect.any(String),
      MessageAttributes: {
        subscriptionId: { DataType: 'String', StringValue: alert.subscriptionId },
        materials: { DataType: 'String.Array', StringValue: '["gallium","germanium","antimony"]' },
        severity: { DataType: 'String', StringValue: 'critical' },
        changeType: { DataType: 'String', StringValue: 'export-ban' },
        issuingRegion: { DataType: 'String', StringValue: 'CN' },
        eventType: { DataType: 'String', StringValue: 'policy_change.updated' },
      },
    });
    // The machine-readable payload by default, a letter for e-mail, one short line for SMS.
    expect(JSON.parse(entry?.Message ?? '')).toEqual({
      default: alert.payload,
      email: alert.text.long,
      sms: alert.text.short,
    });
    // SNS limits: a Subject is at most 100 characters; String.Array is a JSON array.
    expect(entry?.Subject?.length).toBeLessThanOrEqual(100);
    expect(JSON.parse(entry?.MessageAttributes?.materials?.StringValue ?? '')).toEqual(change.materials);
  });

  it('sends only the failed entries again, and stops once SNS has taken them', async () => {
    const alerts = operatorAlerts(12);
    let call = 0;
    snsMock.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => {
      call += 1;
      // The first batch loses entries 2 and 7 once; everything else goes through.
      return batchAnswer(input, call === 1 ? ['2', '7'] : []);
    });

    await new SnsNotifier(client, OPERATOR_TOPIC).publishOperatorAlerts(alerts);

    const batches = batchInputs();
    expect(batches.map((b) => b.PublishBatchRequestEntries?.length)).toEqual([10, 2, 2]);
    expect(batches[1]?.PublishBatchRequestEntries).toEqual(
      batches[0]?.PublishBatchRequestEntries?.filter((entry) => ['2', '7'].includes(entry.Id ?? '')),
    );
    expect(JSON.parse(batches[1]?.PublishBatchRequestEntries?.[0]?.Message ?? '{}').default).toBe(
      alerts[2]?.alert.payload,
    );
  });

  it('throws SnsPublishError when entries still fail after three tries, without going on to later batches', async () => {
    snsMock.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => batchAnswer(input, ['4']));

    const error = await new SnsNotifier(client, OPERATOR_TOPIC)
      .publishOperatorAlerts(operatorAlerts(15))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SnsPublishError);
    expect((error as Error).message).toMatch(/refused 1 alerts after 3 tries/);
    const batches = batchInputs();
    expect(batches.map((b) => b.PublishBatchRequestEntries?.map((entry) => entry.Id))).toEqual([
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      ['4'],
      ['4'],
    ]);
  });

  it('passes a PublishBatch error (e.g. throttling) on to the caller', async () => {
    const throttled = new SNSServiceException({
      name: 'Throttling',
      $fault: 'client',
      $metadata: {},
      message: 'Rate exceeded',
    });
    snsMock.on(PublishBatchCommand).rejects(throttled);

    await expect(
      new SnsNotifier(client, OPERATOR_TOPIC).publishOperatorAlerts([{ alert, attributes }]),
    ).rejects.toBe(throttled);
  });
});

describe('SnsNotifier e-mail topics', () => {
  const confirmed = (address: string, id: string) => ({
    Protocol: 'email',
    Endpoint: address,
    SubscriptionArn: `${EMAIL_TOPIC}:${id}`,
    TopicArn: EMAIL_TOPIC,
  });

  /** Two pages of the topic's subscriptions, as SNS pages them with NextToken. */
  function listPages(pages: Record<string, unknown>[][]) {
    snsMock.on(ListSubscriptionsByTopicCommand).callsFake((input: ListSubscriptionsByTopicCommandInput) => {
      const index = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
      return {
        Subscriptions: pages[index] ?? [],
        ...(index + 1 < pages.length ? { NextToken: `page-${index + 1}` } : {}),
      };
    });
  }

  it('ensureEmailTopic subscribes only new addresses and unsubscribes confirmed ones no longer wanted', async () => {
    listPages([
      [
        confirmed('Kept@Example.com', 'kept'),
        { Protocol: 'email', Endpoint: 'pending@example.com', SubscriptionArn: 'PendingConfirmation' },
      ],
      [
        confirmed('removed@example.com', 'removed'),
        // Not e-mail: none of this method's business.
        {
          Protocol: 'sqs',
          Endpoint: 'arn:aws:sqs:us-east-1:123456789012:q',
          SubscriptionArn: `${EMAIL_TOPIC}:q`,
        },
      ],
    ]);

    const topicArn = await new SnsNotifier(client, OPERATOR_TOPIC).ensureEmailTopic(alert.subscriptionId, [
      'kept@example.com',
      'New@Example.org',
    ]);

    expect(topicArn).toBe(EMAIL_TOPIC);
    expect(snsMock.commandCalls(CreateTopicCommand).map((c) => c.args[0].input)).toEqual([
      { Name: emailTopicName(alert.subscriptionId) },
    ]);
    expect(snsMock.commandCalls(ListSubscriptionsByTopicCommand).map((c) => c.args[0].input)).toEqual([
      { TopicArn: EMAIL_TOPIC, NextToken: undefined },
      { TopicArn: EMAIL_TOPIC, NextToken: 'page-1' },
    ]);
    expect(snsMock.commandCalls(SubscribeCommand).map((c) => c.args[0].input)).toEqual([
      { TopicArn: EMAIL_TOPIC, Protocol: 'email', Endpoint: 'new@example.org' },
    ]);
    // The unconfirmed one has no ARN yet and cannot be removed (SNS drops it after three days).
    expect(snsMock.commandCalls(UnsubscribeCommand).map((c) => c.args[0].input)).toEqual([
      { SubscriptionArn: `${EMAIL_TOPIC}:removed` },
    ]);
    expect(snsMock.commandCalls(DeleteTopicCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('ensureEmailTopic asks nothing more of SNS when the addresses are already subscribed', async () => {
    listPages([[confirmed('a@example.com', 'a'), confirmed('b@example.com', 'b')]]);

    await new SnsNotifier(client, undefined).ensureEmailTopic('sub_1', ['b@example.com', 'A@example.com']);

    expect(snsMock.commandCalls(SubscribeCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(UnsubscribeCommand)).toHaveLength(0);
  });

  it('ensureEmailTopic fails with SnsPublishError when SNS returns no topic ARN', async () => {
    snsMock.on(CreateTopicCommand).resolves({});

    await expect(
      new SnsNotifier(client, undefined).ensureEmailTopic('sub_1', ['a@example.com']),
    ).rejects.toBeInstanceOf(SnsPublishError);
    expect(snsMock.commandCalls(SubscribeCommand)).toHaveLength(0);
  });

  it('deleteEmailTopic deletes the topic (and with it its subscriptions)', async () => {
    await new SnsNotifier(client, OPERATOR_TOPIC).deleteEmailTopic(EMAIL_TOPIC);

    expect(snsMock.calls()).toHaveLength(1);
    expect(snsMock.commandCalls(DeleteTopicCommand)[0]?.args[0].input).toEqual({ TopicArn: EMAIL_TOPIC });
  });
});

describe('emailTopicName', () => {
  it.each([
    ['sub_0mabc1234k9f2e0d1c2b3a4f5', 'material-alerts-sub-sub_0mabc1234k9f2e0d1c2b3a4f5'],
    ['sub.with:odd/chars', 'material-alerts-sub-sub-with-odd-chars'],
  ])('%s -> %s', (id, name) => {
    expect(emailTopicName(id)).toBe(name);
  });

  it('stays within the 256 characters SNS allows', () => {
    const name = emailTopicName('x'.repeat(400));
    expect(name).toHaveLength(256);
    expect(name.startsWith(EMAIL_TOPIC_PREFIX)).toBe(true);
  });
});

describe('LoggingNotifier', () => {
  it('logs one entry per call and sends nothing', async () => {
    const entries: Record<string, unknown>[] = [];
    const notifier = new LoggingNotifier((entry) => entries.push(entry));

    await notifier.sendSms('+4915112345678', alert.text.short);
    await notifier.sendEmail({
      subscriptionId: alert.subscriptionId,
      addresses: ['compliance@example.com'],
      subject: alert.text.subject,
      body: alert.text.long,
    });
    await notifier.publishOperatorAlerts([{ alert, attributes }]);
    const topicArn = await notifier.ensureEmailTopic(alert.subscriptionId, ['compliance@example.com']);
    await notifier.deleteEmailTopic(topicArn);

    expect(topicArn).toBe(`arn:aws:sns:local:000000000000:material-alerts-sub-${alert.subscriptionId}`);
    expect(entries).toEqual([
      { message: 'sns publish (sms)', phoneNumber: '+4915112345678', text: alert.text.short },
      {
        message: 'sns publish (email)',
        subscriptionId: alert.subscriptionId,
        addresses: ['compliance@example.com'],
        subject: alert.text.subject,
        body: alert.text.long,
      },
      {
        message: 'sns publish (operator topic)',
        alertId: alert.alertId,
        type: 'policy_change.updated',
        attributes,
      },
      { message: 'sns email topic', topicArn, addresses: ['compliance@example.com'] },
      { message: 'sns email topic deleted', topicArn },
    ]);
    expect(snsMock.calls()).toHaveLength(0);
  });
});

describe('SNS subjects', () => {
  /** What SNS accepts: under 100 characters, no line break or control character, not starting blank. */
  const acceptable = (subject: string | undefined) =>
    subject !== undefined &&
    subject.length < 100 &&
    !/[\p{Cc}\u2028\u2029]/u.test(subject) &&
    !/^\s/.test(subject);

  it('a "webhook disabled" e-mail for a long, multi-line subscription name gets a subject SNS accepts', async () => {
    const name = `Rare earths\r\ninto Germany\t(ops)\u0007 ${'and more '.repeat(20)}`;
    await new SnsNotifier(client, undefined).sendEmail({
      subscriptionId: 'sub_1',
      topicArn: 'arn:aws:sns:us-east-1:123456789012:material-alerts-sub-sub_1',
      addresses: ['a@example.com'],
      // As the dispatcher writes it.
      subject: `Webhook disabled: ${name}`.slice(0, 100),
      body: 'b',
    });
    const subject = snsMock.commandCalls(PublishCommand)[0]?.args[0].input.Subject;
    expect(acceptable(subject)).toBe(true);
    expect(subject).toMatch(/^Webhook disabled: Rare earths into Germany \(ops\) +and more and more/);
  });

  it('operator events and alerts get acceptable subjects too', async () => {
    await new SnsNotifier(client, OPERATOR_TOPIC).publishOperatorEvent({
      type: 'endpoint.circuit-opened',
      subject: `\n${'x'.repeat(150)}`,
      detail: {},
    });
    const long = { ...alert, text: { ...alert.text, subject: `Line one\nline two ${'y'.repeat(120)}` } };
    await new SnsNotifier(client, OPERATOR_TOPIC).publishOperatorAlerts([{ alert: long, attributes }]);
    expect(acceptable(snsMock.commandCalls(PublishCommand)[0]?.args[0].input.Subject)).toBe(true);
    const [entry] =
      snsMock.commandCalls(PublishBatchCommand)[0]?.args[0].input.PublishBatchRequestEntries ?? [];
    expect(acceptable(entry?.Subject)).toBe(true);
  });

  it.each([
    ['Webhook disabled: Acme', 'Webhook disabled: Acme'],
    ['Webhook disabled: Acme\nLtd', 'Webhook disabled: Acme Ltd'],
    ['  \u0000Acme\u2028Ltd\r\n', 'Acme Ltd'],
    [`${'a'.repeat(98)}\u{1F600}`, `${'a'.repeat(98)}…`],
    ['a'.repeat(99), 'a'.repeat(99)],
  ])('snsSubject(%j) is %j', (given, subject) => {
    expect(snsSubject(given)).toBe(subject);
  });
});
