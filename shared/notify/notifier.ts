import type { Alert } from '../model/delivery.js';

/**
 * What the SNS channels do. The SNS implementation publishes; local mode logs the same messages.
 */
export interface Notifier {
  /** A text message to one E.164 number (SNS direct publish). */
  sendSms(phoneNumber: string, message: string): Promise<void>;
  /** An e-mail to the subscription's addresses (through the subscription's own topic). */
  sendEmail(input: {
    subscriptionId: string;
    addresses: readonly string[];
    subject: string;
    body: string;
  }): Promise<void>;
  /** Every alert, with attributes the operator can filter on. */
  publishOperatorAlert(alert: Alert, attributes: OperatorAttributes): Promise<void>;
}

export interface OperatorAttributes {
  subscriptionId: string;
  materials: string[];
  severity: string;
  changeType: string;
  issuingRegion: string;
}

/** Local mode's notifier: writes what would have been published as one JSON line each. */
export class LoggingNotifier implements Notifier {
  constructor(private readonly log: (entry: Record<string, unknown>) => void) {}

  async sendSms(phoneNumber: string, message: string): Promise<void> {
    this.log({ message: 'sns publish (sms)', phoneNumber, text: message });
  }

  async sendEmail(input: {
    subscriptionId: string;
    addresses: readonly string[];
    subject: string;
    body: string;
  }) {
    this.log({ message: 'sns publish (email)', ...input });
  }

  async publishOperatorAlert(alert: Alert, attributes: OperatorAttributes): Promise<void> {
    this.log({
      message: 'sns publish (operator topic)',
      alertId: alert.alertId,
      type: alert.type,
      attributes,
    });
  }
}
