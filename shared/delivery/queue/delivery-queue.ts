import { type Alert, carriesPayload, type Delivery, payloadIngestedAt } from '../../model/delivery.js';

/**
 * A unit of dispatch work: which delivery to attempt next, and what the dispatcher needs for it so
 * that a first attempt reads nothing from the table. Only `deliveryId` is required: a message
 * without the rest (a replay, the recovery sweep) makes the dispatcher read the alert.
 */
export interface DeliveryMessage {
  deliveryId: string;
  /** With `createdAt`, where the delivery's state is; also the endpoint's lane key. */
  subscriptionId?: string;
  createdAt?: string;
  /** The subscription's version when the alert was matched: a cached copy this new will do. */
  subscriptionVersion?: number;
  /** The exact bytes to sign and send (webhook deliveries). */
  payload?: string;
  /** The text to send (SMS and e-mail deliveries). */
  text?: Alert['text'];
  /** When the policy change was ingested, for the latency metric of messages that carry no payload. */
  ingestedAt?: string;
  /**
   * The delivery was new when this message was written (never attempted, never replayed): the
   * first time a queue hands it out, its attempt takes no claim (see the dispatcher).
   */
  firstAttempt?: true;
  /** The delivery's policy change and revision, for an attempt that reads no state. */
  policyChangeId?: string;
  revision?: number;
  /**
   * The webhook's endpoint, hashed (`endpointHash`): on SQS the message group, which makes the
   * delivery queue a fair queue across endpoints.
   */
  endpointGroup?: string;
}

/**
 * The message for a delivery the matcher (or a test event) just created, carrying the body its
 * channel sends.
 *
 * @example
 * queue.enqueue(toSend.map((d) => deliveryMessage(d, alert, candidate.version, candidate.endpoint)));
 */
export function deliveryMessage(
  delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt' | 'channel'> &
    Partial<Pick<Delivery, 'status' | 'attempts' | 'replayCount' | 'policyChangeId' | 'revision'>>,
  alert?: { payload: string; text?: Alert['text'] | undefined },
  subscriptionVersion?: number,
  endpointGroup?: string,
): DeliveryMessage {
  const isNew =
    alert !== undefined &&
    delivery.status === 'pending' &&
    delivery.attempts?.length === 0 &&
    delivery.replayCount === undefined &&
    delivery.policyChangeId !== undefined &&
    delivery.revision !== undefined;
  return {
    deliveryId: delivery.id,
    subscriptionId: delivery.subscriptionId,
    createdAt: delivery.createdAt,
    ...(subscriptionVersion !== undefined ? { subscriptionVersion } : {}),
    ...(endpointGroup && delivery.channel === 'webhook' ? { endpointGroup } : {}),
    ...(isNew
      ? { firstAttempt: true, policyChangeId: delivery.policyChangeId, revision: delivery.revision }
      : {}),
    ...(alert && carriesPayload(delivery.channel) ? { payload: alert.payload } : {}),
    ...(alert?.text && !carriesPayload(delivery.channel) ? { text: alert.text } : {}),
    ...(alert && !carriesPayload(delivery.channel) ? ingestedAtOf(alert.payload) : {}),
  };
}

function ingestedAtOf(payload: string): { ingestedAt?: string } {
  const ingestedAt = payloadIngestedAt(payload);
  return ingestedAt ? { ingestedAt } : {};
}

/**
 * Where the matcher (and replays) hand deliveries to the dispatcher. SQS on Lambda; an in-process
 * queue in local mode and tests. The API and the dispatcher meet only here.
 */
export interface DeliveryQueue {
  /** Enqueues messages, visible after `delayMs` (0 by default). */
  enqueue(messages: readonly DeliveryMessage[], delayMs?: number): Promise<void>;
  /**
   * Called before those deliveries are enqueued: resolves true once each has been handled once to
   * an outcome on record (attempted, or deferred by its endpoint), false if the queue stops first.
   * Offered by a queue that dies with its process (SQS keeps its messages): until then, whoever
   * enqueued them keeps its own record of them, so that a restart finds them.
   */
  watchAttempts?(deliveryIds: readonly string[]): Promise<boolean>;
}
