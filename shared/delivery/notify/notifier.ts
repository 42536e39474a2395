import type { Log } from '../../kernel/redaction.js';
import type { Alert } from '../../model/delivery.js';

export interface OperatorAttributes {
  subscriptionId: string;
  materials: string[];
  severity: string;
  changeType: string;
  issuingRegion: string;
}

/** One alert for the operator topic, with the attributes subscribers of that topic filter on. */
export interface OperatorAlert {
  alert: Alert;
  attributes: OperatorAttributes;
}

/** A service event for operators (not an alert), e.g. an endpoint's circuit opening. */
export interface OperatorEvent {
  /** e.g. `endpoint.circuit-opened`; subscribers of the topic filter on it (`eventType`). */
  type: string;
  subject: string;
  detail: Record<string, unknown>;
}

/** A message for the subscription's e-mail topic. */
export interface EmailMessage {
  subscriptionId: string;
  /** The subscription's topic; created on demand when absent. */
  topicArn?: string;
  addresses: readonly string[];
  subject: string;
  body: string;
}

/**
 * What the SNS channels do. The SNS implementation publishes; local mode logs the same messages.
 */
export interface Notifier {
  /** A text message to one E.164 number (SNS direct publish, no topic). */
  sendSms(phoneNumber: string, message: string): Promise<void>;
  /** An e-mail to the subscription's confirmed addresses, through the subscription's own topic. */
  sendEmail(message: EmailMessage): Promise<void>;
  /** Alerts for the operator topic, batched (SNS takes 10 per PublishBatch). */
  publishOperatorAlerts(alerts: readonly OperatorAlert[]): Promise<void>;
  /** One service event for the operator topic. */
  publishOperatorEvent(event: OperatorEvent): Promise<void>;
  /**
   * Creates (or finds) the subscription's e-mail topic and brings its e-mail subscriptions in line
   * with `addresses`: new ones are subscribed (SNS asks each to confirm), removed ones unsubscribed.
   */
  ensureEmailTopic(subscriptionId: string, addresses: readonly string[]): Promise<string>;
  /** Deletes the subscription's e-mail topic and with it every e-mail subscription. */
  deleteEmailTopic(topicArn: string): Promise<void>;
}

/** Local mode's notifier: writes what would have been published as one JSON line each. */
export class LoggingNotifier implements Notifier {
  constructor(private readonly log: Log) {}

  async sendSms(phoneNumber: string, message: string): Promise<void> {
    this.log({ message: 'sns publish (sms)', phoneNumber, text: message });
  }

  async sendEmail(message: EmailMessage): Promise<void> {
    this.log({ message: 'sns publish (email)', ...message });
  }

  async publishOperatorAlerts(alerts: readonly OperatorAlert[]): Promise<void> {
    for (const { alert, attributes } of alerts) {
      this.log({
        message: 'sns publish (operator topic)',
        alertId: alert.alertId,
        type: alert.type,
        attributes,
      });
    }
  }

  async publishOperatorEvent(event: OperatorEvent): Promise<void> {
    this.log({ message: 'sns publish (operator topic)', eventType: event.type, ...event.detail });
  }

  async ensureEmailTopic(subscriptionId: string, addresses: readonly string[]): Promise<string> {
    const topicArn = `arn:aws:sns:local:000000000000:material-alerts-sub-${subscriptionId}`;
    this.log({ message: 'sns email topic', topicArn, addresses });
    return topicArn;
  }

  async deleteEmailTopic(topicArn: string): Promise<void> {
    this.log({ message: 'sns email topic deleted', topicArn });
  }
}
