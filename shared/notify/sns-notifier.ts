import { CreateTopicCommand, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alert } from '../model/delivery.js';
import type { Notifier, OperatorAttributes } from './notifier.js';

/** Per-subscription e-mail topics share this prefix; the stack's IAM policy is scoped to it. */
export const EMAIL_TOPIC_PREFIX = 'material-alerts-sub-';

/** The topic name for a subscription's e-mail channel (SNS names: 256 chars of [A-Za-z0-9_-]). */
export function emailTopicName(subscriptionId: string): string {
  return `${EMAIL_TOPIC_PREFIX}${subscriptionId}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 256);
}

/**
 * The SNS channels. SMS goes by direct publish to the number (no topic, no filter policy);
 * e-mail through the subscription's own topic; every alert also to the operator topic.
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

  async sendEmail(input: {
    subscriptionId: string;
    addresses: readonly string[];
    subject: string;
    body: string;
  }) {
    // CreateTopic is idempotent: it returns the existing topic's ARN for a known name.
    const { TopicArn } = await this.sns.send(
      new CreateTopicCommand({ Name: emailTopicName(input.subscriptionId) }),
    );
    await this.sns.send(new PublishCommand({ TopicArn, Subject: input.subject, Message: input.body }));
  }

  async publishOperatorAlert(alert: Alert, attributes: OperatorAttributes): Promise<void> {
    if (!this.operatorTopicArn) return;
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.operatorTopicArn,
        Subject: alert.text.subject,
        Message: alert.payload,
        MessageAttributes: {
          subscriptionId: { DataType: 'String', StringValue: attributes.subscriptionId },
          materials: { DataType: 'String.Array', StringValue: JSON.stringify(attributes.materials) },
          severity: { DataType: 'String', StringValue: attributes.severity },
          changeType: { DataType: 'String', StringValue: attributes.changeType },
          issuingRegion: { DataType: 'String', StringValue: attributes.issuingRegion },
          eventType: { DataType: 'String', StringValue: alert.type },
        },
      }),
    );
  }
}
