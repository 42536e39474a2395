import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS, type Moto, startMoto } from '../../local/distributed/moto.js';
import type { OperatorAlert } from '../../shared/delivery/notify/notifier.js';
import { SnsNotifier } from '../../shared/delivery/notify/sns-notifier.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import { policyChangeFixture } from '../store/fixtures.js';

/**
 * The notifier against SNS as moto_server serves it: what operators and e-mail subscribers get.
 * Partial batch failures and throttling, which moto does not produce, are checked in
 * sns-notifier-publish.test.ts with SNS stubbed.
 */
let moto: Moto;
let sns: SNSClient;
let sqs: SQSClient;

beforeAll(async () => {
  moto = await startMoto();
  sns = new SNSClient({ ...LOCAL_AWS, endpoint: moto.endpoint });
  sqs = new SQSClient({ ...LOCAL_AWS, endpoint: moto.endpoint });
});

afterAll(async () => {
  sns?.destroy();
  sqs?.destroy();
  await moto?.stop();
});

const operatorAlert = (n: number): OperatorAlert => {
  const change = policyChangeFixture();
  return {
    alert: buildAlert({
      change,
      subscriptionId: `sub_${String(n).padStart(26, '0')}`,
      subscriberId: 'sbr_acme',
      type: 'policy_change.published',
      match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
      now: new Date('2026-11-30T00:00:00.000Z'),
    }),
    attributes: {
      subscriptionId: `sub_${String(n).padStart(26, '0')}`,
      materials: change.materials,
      severity: change.severity,
      changeType: change.changeType,
      issuingRegion: change.issuingRegion,
    },
  };
};

describe('SnsNotifier on moto_server', () => {
  it('publishes every operator alert, past the 10-entry batch limit, with its filterable attributes', async () => {
    const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'operator' }));
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'operator-feed' }));
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:123456789012:operator-feed',
      }),
    );
    const alerts = Array.from({ length: 23 }, (_, n) => operatorAlert(n));

    await new SnsNotifier(sns, TopicArn).publishOperatorAlerts(alerts);

    const envelopes: { MessageAttributes: Record<string, { Value: string }>; Message: string }[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        envelopes.push(JSON.parse(message.Body ?? '{}'));
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
      }
    }
    expect(envelopes.map((e) => e.MessageAttributes.subscriptionId?.Value).sort()).toEqual(
      alerts.map((a) => a.attributes.subscriptionId).sort(),
    );
    expect(envelopes[0]?.MessageAttributes).toMatchObject({
      materials: { Value: JSON.stringify(policyChangeFixture().materials) },
      eventType: { Value: 'policy_change.published' },
      severity: { Value: policyChangeFixture().severity },
    });
    expect(JSON.parse(envelopes[0]?.Message ?? '{}')).toMatchObject({ type: 'policy_change.published' });
  });

  it("keeps a subscription's e-mail topic in step with its addresses, and deletes it", async () => {
    const notifier = new SnsNotifier(sns, undefined);
    const subscribed = async (topicArn: string) =>
      ((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions ?? [])
        .map((s) => s.Endpoint)
        .sort();

    const topicArn = await notifier.ensureEmailTopic('sub_email', ['a@example.com', 'b@example.com']);
    expect(await subscribed(topicArn)).toEqual(['a@example.com', 'b@example.com']);

    expect(await notifier.ensureEmailTopic('sub_email', ['b@example.com', 'c@example.com'])).toBe(topicArn);
    expect(await subscribed(topicArn)).toEqual(['b@example.com', 'c@example.com']);

    await notifier.deleteEmailTopic(topicArn);
    const topics = (await sns.send(new ListTopicsCommand({}))).Topics ?? [];
    expect(topics.map((t) => t.TopicArn)).not.toContain(topicArn);
  });
});
