import {
  CreateTopicCommand,
  DeleteTopicCommand,
  ListSubscriptionsByTopicCommand,
  PublishBatchCommand,
  type PublishBatchRequestEntry,
  PublishCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import type { EmailMessage, Notifier, OperatorAlert, OperatorEvent } from './notifier.js';

/** Per-subscription e-mail topics share this prefix; the stack's IAM policy is scoped to it. */
export const EMAIL_TOPIC_PREFIX = 'material-alerts-sub-';

/** SNS accepts at most 10 entries per PublishBatch. */
const PUBLISH_BATCH_SIZE = 10;

/** The topic name for a subscription's e-mail channel (SNS names: 256 chars of [A-Za-z0-9_-]). */
export function emailTopicName(subscriptionId: string): string {
  return `${EMAIL_TOPIC_PREFIX}${subscriptionId}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 256);
}

/** SNS takes subjects of fewer than 100 characters. */
const SUBJECT_MAX = 99;

/**
 * A subject SNS accepts whatever went into it (a subscription's name, a change's title): control
 * characters and line breaks become spaces, the ends are trimmed (SNS wants a subject to begin
 * with a letter, digit or punctuation), and a longer one is cut to 99 characters ending in `…`.
 *
 * @example snsSubject('Webhook disabled: Acme\nLtd') // 'Webhook disabled: Acme Ltd'
 */
export function snsSubject(subject: string): string {
  const clean = subject.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
  if (clean.length <= SUBJECT_MAX) return clean;
  // Never half a surrogate pair at the cut.
  return `${clean.slice(0, SUBJECT_MAX - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

export class SnsPublishError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SnsPublishError';
  }
}

/**
 * The SNS channels. SMS goes by direct publish to the number (no topic, no filter policy, so no
 * per-topic limit on subscribers); e-mail through a topic owned by each subscription; every alert
 * also to the operator topic. Messages carry one text per protocol (SNS message structure), so a
 * phone gets a short line and a mailbox a readable letter.
 */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly sns: SNSClient,
    private readonly operatorTopicArn: string | undefined,
  ) {}

  async sendSms(phoneNumber: string, message: string): Promise<void> {
    await this.sns.send(
      new PublishCommand({
        PhoneNumber: phoneNumber,
        Message: message,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
  }

  async sendEmail(message: EmailMessage): Promise<void> {
    const topicArn =
      message.topicArn ?? (await this.ensureEmailTopic(message.subscriptionId, message.addresses));
    await this.sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: snsSubject(message.subject),
        MessageStructure: 'json',
        Message: JSON.stringify({ default: message.body, email: message.body }),
      }),
    );
  }

  async publishOperatorAlerts(alerts: readonly OperatorAlert[]): Promise<void> {
    if (!this.operatorTopicArn) return;
    for (let start = 0; start < alerts.length; start += PUBLISH_BATCH_SIZE) {
      let entries = alerts.slice(start, start + PUBLISH_BATCH_SIZE).map(operatorEntry);
      for (let attempt = 1; entries.length > 0; attempt++) {
        const result = await this.sns.send(
          new PublishBatchCommand({ TopicArn: this.operatorTopicArn, PublishBatchRequestEntries: entries }),
        );
        const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
        if (entries.length > 0 && attempt >= 3) {
          throw new SnsPublishError(
            `the operator topic refused ${entries.length} alerts after ${attempt} tries`,
          );
        }
      }
    }
  }

  async publishOperatorEvent(event: OperatorEvent): Promise<void> {
    if (!this.operatorTopicArn) return;
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.operatorTopicArn,
        Subject: snsSubject(event.subject),
        Message: JSON.stringify({ type: event.type, ...event.detail }),
        MessageAttributes: { eventType: { DataType: 'String', StringValue: event.type } },
      }),
    );
  }

  async ensureEmailTopic(subscriptionId: string, addresses: readonly string[]): Promise<string> {
    // CreateTopic is idempotent: it returns the existing topic's ARN for a known name.
    const { TopicArn } = await this.sns.send(
      new CreateTopicCommand({ Name: emailTopicName(subscriptionId) }),
    );
    if (!TopicArn) throw new SnsPublishError(`SNS returned no ARN for ${emailTopicName(subscriptionId)}`);
    const existing = await this.emailSubscriptions(TopicArn);
    const wanted = new Set(addresses.map((address) => address.toLowerCase()));
    for (const address of wanted) {
      if (!existing.has(address)) {
        await this.sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: address }));
      }
    }
    for (const [address, subscriptionArn] of existing) {
      // Unconfirmed subscriptions have no ARN yet and cannot be removed; SNS drops them after 3 days.
      if (!wanted.has(address) && subscriptionArn.startsWith('arn:')) {
        await this.sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
      }
    }
    return TopicArn;
  }

  async deleteEmailTopic(topicArn: string): Promise<void> {
    await this.sns.send(new DeleteTopicCommand({ TopicArn: topicArn }));
  }

  private async emailSubscriptions(topicArn: string): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let NextToken: string | undefined;
    do {
      const page = await this.sns.send(
        new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }),
      );
      for (const subscription of page.Subscriptions ?? []) {
        if (subscription.Protocol === 'email' && subscription.Endpoint) {
          found.set(subscription.Endpoint.toLowerCase(), subscription.SubscriptionArn ?? '');
        }
      }
      NextToken = page.NextToken;
    } while (NextToken);
    return found;
  }
}

function operatorEntry({ alert, attributes }: OperatorAlert, index: number): PublishBatchRequestEntry {
  return {
    Id: String(index),
    Subject: snsSubject(alert.text.subject),
    MessageStructure: 'json',
    Message: JSON.stringify({ default: alert.payload, email: alert.text.long, sms: alert.text.short }),
    MessageAttributes: {
      subscriptionId: { DataType: 'String', StringValue: attributes.subscriptionId },
      materials: { DataType: 'String.Array', StringValue: JSON.stringify(attributes.materials) },
      severity: { DataType: 'String', StringValue: attributes.severity },
      changeType: { DataType: 'String', StringValue: attributes.changeType },
      issuingRegion: { DataType: 'String', StringValue: attributes.issuingRegion },
      eventType: { DataType: 'String', StringValue: alert.type },
    },
  };
}
