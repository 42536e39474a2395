import {
  CreateTopicCommand,
  PublishBatchCommand,
  type PublishBatchCommandInput,
  PublishCommand,
  SNSServiceException,
} from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { LoggingNotifier, type OperatorAlert } from '../../shared/delivery/notify/notifier.js';
import { SnsNotifier, SnsPublishError } from '../../shared/delivery/notify/sns-notifier.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import {
  alert,
  attributes,
  batchAnswer,
  change,
  client,
  EMAIL_TOPIC,
  OPERATOR_TOPIC,
  snsMock,
  stubSnsForEachTest,
} from './sns-stub.js';

// What the notifier publishes (SMS, e-mail, operator alerts in batches) and how it takes SNS's
// failures. E-mail topics and subjects: sns-topics-and-subjects.test.ts.
stubSnsForEachTest();

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
