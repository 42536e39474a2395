import { CreateTopicCommand, PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert } from '../../shared/model/delivery.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import { LoggingNotifier, type OperatorAttributes } from '../../shared/notify/notifier.js';
import { EMAIL_TOPIC_PREFIX, emailTopicName, SnsNotifier } from '../../shared/notify/sns-notifier.js';

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
  affectedRegions: ['US'],
  materials: ['gallium', 'germanium', 'antimony'],
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

beforeEach(() => {
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
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

  it("sendEmail creates (or finds) the subscription's topic, then publishes to the ARN SNS returned", async () => {
    const topicArn = `arn:aws:sns:us-east-1:123456789012:${EMAIL_TOPIC_PREFIX}${alert.subscriptionId}`;
    snsMock.on(CreateTopicCommand).resolves({ TopicArn: topicArn });

    await new SnsNotifier(client, undefined).sendEmail({
      subscriptionId: alert.subscriptionId,
      addresses: ['compliance@example.com'],
      subject: alert.text.subject,
      body: alert.text.long,
    });

    const calls = snsMock.calls();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0]).toBeInstanceOf(CreateTopicCommand);
    expect(calls[0]?.args[0].input).toEqual({ Name: `material-alerts-sub-${alert.subscriptionId}` });
    expect(calls[1]?.args[0]).toBeInstanceOf(PublishCommand);
    expect(calls[1]?.args[0].input).toEqual({
      TopicArn: topicArn,
      Subject: alert.text.subject,
      Message: alert.text.long,
    });
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

  it('publishOperatorAlert publishes the payload with filterable attributes to the operator topic', async () => {
    await new SnsNotifier(client, OPERATOR_TOPIC).publishOperatorAlert(alert, attributes);

    expect(snsMock.calls()).toHaveLength(1);
    const input = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input).toEqual({
      TopicArn: OPERATOR_TOPIC,
      Subject: alert.text.subject,
      Message: alert.payload,
      MessageAttributes: {
        subscriptionId: { DataType: 'String', StringValue: alert.subscriptionId },
        materials: { DataType: 'String.Array', StringValue: '["gallium","germanium","antimony"]' },
        severity: { DataType: 'String', StringValue: 'critical' },
        changeType: { DataType: 'String', StringValue: 'export-ban' },
        issuingRegion: { DataType: 'String', StringValue: 'CN' },
        eventType: { DataType: 'String', StringValue: 'policy_change.updated' },
      },
    });
    // SNS limits: a Subject is at most 100 characters; String.Array is a JSON array.
    expect(input?.Subject?.length).toBeLessThanOrEqual(100);
    expect(JSON.parse(input?.MessageAttributes?.materials?.StringValue ?? '')).toEqual(change.materials);
  });

  it('publishOperatorAlert does nothing without an operator topic', async () => {
    await new SnsNotifier(client, undefined).publishOperatorAlert(alert, attributes);
    await new SnsNotifier(client, '').publishOperatorAlert(alert, attributes);
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
    await notifier.publishOperatorAlert(alert, attributes);

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
    ]);
    expect(snsMock.calls()).toHaveLength(0);
  });
});
