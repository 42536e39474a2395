import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  type ListSubscriptionsByTopicCommandInput,
  PublishBatchCommand,
  PublishCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import {
  EMAIL_TOPIC_PREFIX,
  emailTopicName,
  SnsNotifier,
  SnsPublishError,
  snsSubject,
} from '../../shared/delivery/notify/sns-notifier.js';
import {
  alert,
  attributes,
  client,
  EMAIL_TOPIC,
  OPERATOR_TOPIC,
  snsMock,
  stubSnsForEachTest,
} from './sns-stub.js';

// Each subscription's e-mail topic kept in step with its addresses, and subjects SNS accepts.
// What the notifier publishes: sns-notifier-publish.test.ts.
stubSnsForEachTest();

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
