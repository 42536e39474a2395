/**
 * The delivery store's records: how alerts and deliveries are named, referenced and read back,
 * and the settings every part of the store (creation, claims, outcomes, listing) works with.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  type Alert,
  type AlertIdentity,
  type Channel,
  type Delivery,
  webhookIdOf,
} from '../model/delivery.js';
import { type TableContext, withoutKeys } from './table.js';
import { conditionHeld } from './write-failure.js';

/** What every part of the delivery store works with: the table and the store's settings. */
export interface DeliveryTable {
  table: TableContext;
  /** How long a delivery's state is kept after its last (or next) attempt. */
  retentionMs: number;
  /** What reads take as now when deciding whether an item has expired. */
  clock: () => Date;
  /** SQS holds first attempts: new deliveries enter the open-work index only when they fail. */
  durableQueue: boolean;
  /** How long an alert belongs to the run that created it (`ALERT_CREATION_WINDOW_MS`). */
  creationWindowMs: number;
}

/** Delivery ids carry their alert id, so a delivery is found from its alert. */
export function deliveryId(alertId: string, channel: Channel): string {
  return `dlv_${alertId.replace(/^alrt_/, '')}_${channel}`;
}

/** The inverse of `deliveryId`; undefined for anything that is not a delivery id. */
export function parseDeliveryId(id: string): { alertId: string; channel: Channel } | undefined {
  const match = /^dlv_([0-9a-f]{32})_(webhook|sms|email|slack|teams|digest)$/.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  return { alertId: `alrt_${match[1]}`, channel: match[2] as Channel };
}

/** Where a delivery's state lives: enough to read or update it with one call. */
export interface DeliveryRef {
  deliveryId: string;
  subscriptionId: string;
  createdAt: string;
}

export function refOf(delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>): DeliveryRef {
  return { deliveryId: delivery.id, subscriptionId: delivery.subscriptionId, createdAt: delivery.createdAt };
}

export function newDelivery(alert: AlertIdentity & Pick<Alert, 'createdAt'>, channel: Channel): Delivery {
  return {
    id: deliveryId(alert.alertId, channel),
    alertId: alert.alertId,
    webhookId: alert.webhookId,
    policyChangeId: alert.policyChangeId,
    revision: alert.revision,
    subscriptionId: alert.subscriptionId,
    subscriberId: alert.subscriberId,
    type: alert.type,
    channel,
    status: 'pending',
    attempts: [],
    createdAt: alert.createdAt,
    updatedAt: alert.createdAt,
    ...(alert.applicability ? { applicability: alert.applicability } : {}),
  };
}

/** The alert as stored: its body, and the text only when an SMS or e-mail channel needs it. */
export type StoredAlert = Omit<Alert, 'text'> & { text?: Alert['text']; channels: Channel[] };

/**
 * The alert body outlives its deliveries' state by this much, so that retries (which push the
 * deliveries' expiry forward) never find the body gone. Replays move the body's expiry explicitly.
 */
export const BODY_MARGIN_MS = 7 * 86_400_000;

/** The alert body's expiry, noted on each delivery so a retry knows when to move it. */
export const ALERT_TTL = 'alertTtl';

export function toDelivery(item: Record<string, unknown>): Delivery {
  // Items are written only by the delivery store.
  const { [ALERT_TTL]: _alertTtl, ...rest } = withoutKeys(item);
  return rest as unknown as Delivery;
}

/**
 * The body as stored: deflated when that makes it smaller, since DynamoDB bills a write per KB
 * and a policy change's JSON deflates to about half. The bytes sent are always the original ones.
 */
export function packPayload(payload: string): { payload: string } | { payloadDeflated: Uint8Array } {
  const deflated = deflateRawSync(Buffer.from(payload, 'utf8'));
  return deflated.length < Buffer.byteLength(payload) ? { payloadDeflated: deflated } : { payload };
}

export function toAlert(item: Record<string, unknown>): StoredAlert {
  // Items are written only by the delivery store; the match and webhook-id are not stored twice.
  const { payloadDeflated, ...rest } = withoutKeys(item);
  const stored = {
    ...rest,
    ...(payloadDeflated instanceof Uint8Array
      ? { payload: inflateRawSync(payloadDeflated).toString('utf8') }
      : {}),
  } as unknown as Omit<StoredAlert, 'match' | 'webhookId'>;
  const body = JSON.parse(stored.payload) as { data?: { match?: Alert['match'] } };
  return {
    ...stored,
    webhookId: webhookIdOf(stored.alertId),
    match: body.data?.match ?? { materials: [] },
  };
}

/** A batch request that DynamoDB answered only in part (throttling): the rest is sent again. */
export class UnprocessedItemsError extends Error {
  constructor(count: number) {
    super(`${count} items left unprocessed`);
    this.name = 'UnprocessedItemsError';
  }
}

/**
 * Applies a conditional update to one item (an alert or a delivery's state); false when its
 * condition did not hold, so the update did nothing.
 */
export function updateIfHeld(
  store: DeliveryTable,
  key: Record<string, string>,
  update: Omit<UpdateCommandInput, 'TableName' | 'Key'>,
): Promise<boolean> {
  return conditionHeld(
    store.table.doc.send(new UpdateCommand({ TableName: store.table.tableName, Key: key, ...update })),
  );
}
