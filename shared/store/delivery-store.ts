/**
 * The delivery store: one class over the parts that keep alerts and deliveries, each in its own
 * module beside this one:
 *
 *   delivery-records.ts    ids, references, the stored shapes and the settings every part uses
 *   delivery-creation.ts   alerts and their deliveries written, idempotently
 *   delivery-reads.ts      one alert or delivery read back; a change's recipients
 *   delivery-listing.ts    a subscription's deliveries and the dead-letter view, paged
 *   delivery-claims.ts     the lease an attempt takes, given back or held for a circuit
 *   delivery-outcomes.ts   an attempt recorded, a delivery dead; the alert body's expiry moved
 *   delivery-replay.ts     a delivery opened again within its replay budget
 *   delivery-open-work.ts  the sparse index the recovery sweep reads
 */
import type { Alert, Channel, Delivery, DeliveryAttempt, DeliveryHold } from '../model/delivery.js';
import { type ClaimResult, deferNew, type HeldDelivery, hold, release, take } from './delivery-claims.js';
import {
  ALERT_CREATION_WINDOW_MS,
  type AlertToCreate,
  type CreatedAlert,
  type CreateOptions,
  createAlerts,
} from './delivery-creation.js';
import { listBySubscription, listDead, listSince, type PageRequest } from './delivery-listing.js';
import { dueDeliveries } from './delivery-open-work.js';
import {
  type AttemptResult,
  type CountedAttempt,
  markDead,
  recordAttempt,
  recordCountedAttempt,
} from './delivery-outcomes.js';
import { deliveriesOfAlert, getAlert, getAlerts, getState, recipientsOf, refById } from './delivery-reads.js';
import { type DeliveryRef, type DeliveryTable, refOf, type StoredAlert } from './delivery-records.js';
import { type ReopenOptions, reopen } from './delivery-replay.js';
import { type DeliverySearch, searchDeliveries } from './delivery-search.js';
import { DigestStore } from './digest-store.js';
import type { Page } from './paging.js';
import { DEFAULT_RETENTION } from './retention.js';
import type { TableContext } from './table.js';

export type { ClaimResult } from './delivery-claims.js';
export { ALERT_CREATION_WINDOW_MS, type CreatedAlert } from './delivery-creation.js';
export { openShard, QUEUED_LEASE_MS } from './delivery-open-work.js';
export type { CountedAttempt } from './delivery-outcomes.js';
export {
  type DeliveryRef,
  deliveryId,
  newDelivery,
  parseDeliveryId,
  refOf,
  type StoredAlert,
} from './delivery-records.js';
export { ReplayLimitError } from './delivery-replay.js';

/**
 * Alerts and their deliveries, kept in two shapes because DynamoDB bills a write on the larger of
 * the old and new item: the alert's immutable body (the signed payload) is written once, and each
 * delivery's small mutable state (status, attempts, lease) lives in its subscription's partition,
 * where listing is a query on the table and no index copies it on every update.
 *
 * The alert's conditional put is what makes creation idempotent: a second matcher run finds the
 * alert and only fills in what a crash left unwritten.
 */
export class DeliveryStore {
  private readonly store: DeliveryTable;
  /** The digests' cursors, gathered alerts and writes, on the same table and settings. */
  readonly digests: DigestStore;

  /**
   * With `durableQueue` (SQS: a message stays until it is handled, then goes to the dead-letter
   * queue), a new delivery enters the open-work index only when an attempt fails or it is
   * reopened: the queue holds its first attempt. An in-process queue dies with its process, so
   * without it every new delivery is indexed at once for the sweep to find after a restart.
   */
  constructor(
    table: TableContext,
    options: {
      retentionMs?: number;
      clock?: () => Date;
      durableQueue?: boolean;
      /**
       * `ALERT_CREATION_WINDOW_MS` by default; 0 where one process owns the table and never runs
       * two matchers on one revision (local mode), so a restart fills in at once what a crash left.
       */
      creationWindowMs?: number;
    } = {},
  ) {
    this.store = {
      table,
      retentionMs: options.retentionMs ?? DEFAULT_RETENTION.deliveryMs,
      creationWindowMs: options.creationWindowMs ?? ALERT_CREATION_WINDOW_MS,
      clock: options.clock ?? (() => new Date()),
      durableQueue: options.durableQueue ?? false,
    };
    this.digests = new DigestStore(this.store);
  }

  /**
   * Writes the alert and one delivery per channel unless the alert exists. Returns the deliveries
   * that still need sending: all of them when created, the untouched ones when it already existed
   * (a matcher that crashed before enqueueing left them behind).
   */
  async createAlert(alert: Alert, channels: readonly Channel[]): Promise<CreatedAlert> {
    const [result] = await this.createAlerts([{ alert, channels }]);
    if (!result) throw new Error('createAlerts answered nothing');
    return result;
  }

  /** `createAlert` for many alerts at once; results in the order of `alerts` (see `createAlerts`). */
  createAlerts(alerts: readonly AlertToCreate[], options: CreateOptions = {}): Promise<CreatedAlert[]> {
    return createAlerts(this.store, alerts, options);
  }

  /** The subscriptions that had any (unexpired) alert about a change, each once. */
  recipientsOf(policyChangeId: string): Promise<string[]> {
    return recipientsOf(this.store, policyChangeId);
  }

  getAlert(alertId: string): Promise<StoredAlert | undefined> {
    return getAlert(this.store, alertId);
  }

  /** Alerts by id, batched; one expired or gone is absent from the map. */
  getAlerts(alertIds: readonly string[]): Promise<Map<string, StoredAlert>> {
    return getAlerts(this.store, alertIds);
  }

  /** The delivery's state by its reference; undefined when missing or expired. */
  getState(ref: DeliveryRef): Promise<Delivery | undefined> {
    return getState(this.store, ref);
  }

  /** A delivery by id: its alert says where its state is. */
  async getDelivery(id: string): Promise<Delivery | undefined> {
    const ref = await this.refById(id);
    return ref ? this.getState(ref) : undefined;
  }

  /** The reference of a delivery known only by id (one read of its alert). */
  refById(id: string): Promise<DeliveryRef | undefined> {
    return refById(this.store, id);
  }

  deliveriesOfAlert(alertId: string): Promise<Delivery[]> {
    return deliveriesOfAlert(this.store, alertId);
  }

  /** A page of the deliveries of several subscriptions matching `search`, newest first. */
  search(subscriptionIds: readonly string[], search: DeliverySearch): Promise<Page<Delivery>> {
    return searchDeliveries(this.store, subscriptionIds, search);
  }

  /** A page of a subscription's deliveries, newest first; expired ones are not shown. */
  listBySubscription(subscriptionId: string, options: PageRequest = {}): Promise<Page<Delivery>> {
    return listBySubscription(this.store, subscriptionId, options);
  }

  /** A subscription's live deliveries created at or after `since` (ISO time), oldest first. */
  listSince(subscriptionId: string, since: string): Promise<Delivery[]> {
    return listSince(this.store, subscriptionId, since);
  }

  /** A page of dead deliveries across all subscribers, most recently dead first. */
  listDead(options: PageRequest = {}): Promise<Page<Delivery>> {
    return listDead(this.store, options);
  }

  /** Appends an attempt and sets the resulting status in one atomic update (see `recordAttempt`). */
  recordAttempt(
    delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
    attempt: DeliveryAttempt,
    outcome: AttemptResult,
  ): Promise<Delivery | undefined> {
    return recordAttempt(this.store, delivery, attempt, outcome);
  }

  /**
   * Records the attempt numbered `expectedAttempts + 1`; one that lost the race to another is kept
   * as an extra attempt (see `recordCountedAttempt`).
   */
  recordCountedAttempt(
    delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
    attempt: DeliveryAttempt,
    outcome: AttemptResult,
    expectedAttempts: number,
  ): Promise<CountedAttempt> {
    return recordCountedAttempt(this.store, delivery, attempt, outcome, expectedAttempts);
  }

  /** Gives back a claim taken for an attempt that did not happen. */
  release(delivery: HeldDelivery): Promise<void> {
    return release(this.store, delivery);
  }

  /** A first attempt, taken without a claim, that its endpoint deferred to `dueAt` (see `deferNew`). */
  deferNew(delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>, dueAt: Date): Promise<void> {
    return deferNew(this.store, delivery, dueAt);
  }

  /** Holds the delivery, unattempted, for its endpoint's circuit, giving back the claim. */
  hold(delivery: HeldDelivery, heldBy: DeliveryHold): Promise<void> {
    return hold(this.store, delivery, heldBy);
  }

  /** Marks a delivery dead without an attempt (its channel is gone or disabled). */
  markDead(
    delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
    reason: string,
    now = new Date(),
  ): Promise<void> {
    return markDead(this.store, delivery, reason, now);
  }

  /** Takes the delivery for one attempt, under a lease of `leaseMs` (see `take`). */
  take(ref: DeliveryRef, now: Date, leaseMs: number, expectedAttempts?: number): Promise<ClaimResult> {
    return take(this.store, ref, { now, leaseMs, expectedAttempts });
  }

  /**
   * `take` for a copy read earlier: true only if the delivery still has exactly the attempts of
   * `delivery` (a copy read before another dispatcher recorded an attempt would number its own
   * attempt wrongly).
   */
  async claim(delivery: Delivery, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.take(refOf(delivery), now, leaseMs, delivery.attempts.length);
    return result.kind === 'claimed';
  }

  /** Opens a delivery again for a replay, within `options.budget` (see `reopen`). */
  reopen(delivery: Delivery, now: Date, options: ReopenOptions = {}): Promise<Delivery | undefined> {
    return reopen(this.store, delivery, now, options);
  }

  /** Unfinished deliveries due at or before `dueBefore` (ISO time): what the sweep queues again. */
  dueDeliveries(dueBefore: string, limit = 1000): Promise<(DeliveryRef & { dueAt: string })[]> {
    return dueDeliveries(this.store, dueBefore, limit);
  }
}
