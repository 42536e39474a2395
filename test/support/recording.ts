import type {
  EmailMessage,
  Notifier,
  OperatorAlert,
  OperatorEvent,
} from '../../shared/delivery/notify/notifier.js';
import type { DeliveryMessage, DeliveryQueue } from '../../shared/delivery/queue/delivery-queue.js';

/**
 * A notifier that keeps every call, for code that takes a `Notifier` (SNS itself is tested at the
 * SDK boundary in test/notify). `fail` makes the named calls throw, e.g. a throttled SNS.
 */
export class RecordingNotifier implements Notifier {
  readonly sms: { phoneNumber: string; message: string }[] = [];
  readonly emails: EmailMessage[] = [];
  /** One entry per publishOperatorAlerts call: the batch as handed over. */
  readonly operatorBatches: OperatorAlert[][] = [];
  readonly topicsEnsured: { subscriptionId: string; addresses: string[]; topicArn: string }[] = [];
  readonly topicsDeleted: string[] = [];
  fail: Partial<Record<keyof Notifier, Error>> = {};

  /** Every operator alert published, in order. */
  get operatorAlerts(): OperatorAlert[] {
    return this.operatorBatches.flat();
  }

  /** The ARN `ensureEmailTopic` answers for a subscription, as SNS names such topics. */
  static topicArn(subscriptionId: string): string {
    return `arn:aws:sns:us-east-1:123456789012:material-alerts-sub-${subscriptionId}`;
  }

  private check(call: keyof Notifier): void {
    const error = this.fail[call];
    if (error) throw error;
  }

  async sendSms(phoneNumber: string, message: string): Promise<void> {
    this.check('sendSms');
    this.sms.push({ phoneNumber, message });
  }

  async sendEmail(message: EmailMessage): Promise<void> {
    this.check('sendEmail');
    this.emails.push(message);
  }

  async publishOperatorAlerts(alerts: readonly OperatorAlert[]): Promise<void> {
    this.check('publishOperatorAlerts');
    this.operatorBatches.push([...alerts]);
  }

  readonly operatorEvents: OperatorEvent[] = [];

  async publishOperatorEvent(event: OperatorEvent): Promise<void> {
    this.check('publishOperatorEvent');
    this.operatorEvents.push(event);
  }

  async ensureEmailTopic(subscriptionId: string, addresses: readonly string[]): Promise<string> {
    this.check('ensureEmailTopic');
    const topicArn = RecordingNotifier.topicArn(subscriptionId);
    this.topicsEnsured.push({ subscriptionId, addresses: [...addresses], topicArn });
    return topicArn;
  }

  async deleteEmailTopic(topicArn: string): Promise<void> {
    this.check('deleteEmailTopic');
    this.topicsDeleted.push(topicArn);
  }
}

/** A queue that only records what it was given (nothing is consumed). */
export class RecordingQueue implements DeliveryQueue {
  /** One entry per enqueue call. */
  readonly calls: { messages: DeliveryMessage[]; delayMs: number }[] = [];

  async enqueue(messages: readonly DeliveryMessage[], delayMs = 0): Promise<void> {
    this.calls.push({ messages: [...messages], delayMs });
  }

  /** Every delivery id enqueued, in order. */
  get deliveryIds(): string[] {
    return this.calls.flatMap((call) => call.messages.map((m) => m.deliveryId));
  }

  clear(): void {
    this.calls.length = 0;
  }
}
