/** A unit of dispatch work: which delivery to attempt next. */
export interface DeliveryMessage {
  deliveryId: string;
}

/**
 * Where the matcher (and replays) hand deliveries to the dispatcher. SQS on Lambda; an in-process
 * queue in local mode and tests. The API and the dispatcher meet only here.
 */
export interface DeliveryQueue {
  /** Enqueues messages, visible after `delayMs` (0 by default). */
  enqueue(messages: readonly DeliveryMessage[], delayMs?: number): Promise<void>;
}
