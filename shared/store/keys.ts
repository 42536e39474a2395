import { createHash } from 'node:crypto';

/**
 * The whole key design of the single table, in one place: every partition and sort key format,
 * every index and what it projects, and the TTL attribute. The stores build their keys here, and
 * both `ensureTable` (local mode, tests) and the CDK stack (infra/stack.ts) create the table from
 * `TABLE_DESIGN`, so the deployed table and the code cannot drift apart.
 *
 * Item families (pk / sk):
 * - `SUBSCRIBER#<id>` / `SUBSCRIBER` (gsi1 `SUBSCRIBERS` / `<createdAt>#<id>`); `APIKEY#<sha256>` /
 *   `APIKEY`; `APIKEYREF#<keyId>` / `APIKEYREF` (gsi1 `APIKEYS` / `<owner>#<keyId>`).
 * - `SUBSCRIPTION#<id>` / `SUBSCRIPTION` (gsi1 `SUBSCRIBER#<id>#SUBSCRIPTIONS` / `<id>`; with a
 *   digest also gsi2 `DIGESTS` / `<id>`); `DIGEST#<id>` / `CURSOR` (how far its digests reach); beside it
 *   `SUBSCRIPTION#<id>` / `RECOVERY` (a recovery's lock, ttl a day after it runs out) and
 *   `SUBSCRIPTION#<id>` / `SMS#<day>` (the day's SMS counter, ttl two days after the day).
 * - `PHONE#<sha256 of the number>` / `CODES#<day>`: confirmation codes sent to a number that day
 *   (ttl two days after the day).
 * - `MATERIAL#<material>`, `DEST#<region>`, `ENTITY#<block>`, `HS#<chapter>` / `SUBSCRIPTION#<id>`:
 *   the matcher's inverted index.
 * - `CHANGEREF#<source>#<sourceRef>` / `CHANGEREF`; `CHANGE#<id>` / `REV#<revision, 10 digits>`
 *   (gsi2 `MATCHING#PENDING` / `<ingestedAt>#<id>` until matched); `CHANGE#<id>` / `HEAD` (gsi1
 *   `CHANGES`; gsi2 `LIFECYCLE#DUE`); `RELATIONS#<source>#<sourceRef>`; `DUE#<day>` / `<kind>#<id>#<rev>`.
 * - `ALERT#<alertId>` / `ALERT`: the alert's immutable signed body, written once.
 * - `RECIPIENTS#<changeId>` / `<alertId>`: who had an alert about a change, one item per batch of
 *   alerts the matcher writes (the subscription ids of the batch, keyed by its first alert).
 * - `SUBSCRIPTION#<id>#DELIVERIES` / `<createdAt>#<deliveryId>`: a delivery's small mutable state,
 *   in its subscription's partition so listing is a query on the table itself (no index write on
 *   every update); while open also on gsi2 `OPEN#<shard>` / `<dueAt>#<deliveryId>` (with a
 *   durable queue only from a first failure or a reopening on: the queue holds first attempts), once dead on
 *   gsi2 `DEAD` / `<diedAt>#<deliveryId>` (the admin's dead-letter view) until replayed or expired.
 * - `AUDIT` / `<at>#<id>` (gsi1 `AUDIT#<target>` / `<at>#<id>`).
 * - `CATALOGUE` / `CATALOGUE`; `STATS` / `COUNTERS` (local mode's metric totals).
 * - `REVIEW#<id>` / `REVIEW` (gsi1 `REVIEWS#<status>` / `<queuedAt>#<id>`) and
 *   `REVIEWREF#<source>#<sourceRef>#<revision>` / `REVIEWREF`: the import review queue.
 * - `IMPORT#<source>` / `CURSOR`: where a scheduled import stands.
 * - `ENDPOINT#<endpointHash>` / `ENDPOINT`: one webhook endpoint's pace and circuit, shared by the
 *   dispatchers on Lambda (ttl a week after the last write); the same hash is the endpoint's
 *   message group on the delivery queue.
 * - `FEED#<subscriberId>` / `HEAD` (the feed's last sequence number, never expires), `EVENT#<seq,
 *   12 digits>` (one alert of a `feed` subscription, in order) and `ALERT#<alertId>` (that the alert
 *   is in the feed, so it is added once): the subscriber's event feed, kept as long as its alerts.
 * - `CALENDAR#<sha256 of the token>` / `CALENDAR`: a private calendar URL's token, naming its
 *   subscriber; `SUBSCRIBER#<id>` / `CALENDAR`: the subscriber's current token (its digest).
 *
 * What expires carries `ttl`: alerts, delivery states, recipients records, audit records, locks,
 * counters and endpoint items. Policy
 * changes, the review queue and import cursors are history and never expire.
 */

/** How many partitions open deliveries are spread over, so a large fan-out has no hot key. */
export const OPEN_SHARDS = 8;

export const keys = {
  subscriber: (id: string) => ({ pk: `SUBSCRIBER#${id}`, sk: 'SUBSCRIBER' }),
  apiKey: (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' }),
  apiKeyRef: (keyId: string) => ({ pk: `APIKEYREF#${keyId}`, sk: 'APIKEYREF' }),
  /** gsi1 partition listing every API key, sorted by owner then creation. */
  apiKeyList: () => 'APIKEYS',
  /** Every subscriber, on `gsi1`, sorted by creation: the admin's list. */
  subscriberList: () => 'SUBSCRIBERS',
  subscription: (id: string) => ({ pk: `SUBSCRIPTION#${id}`, sk: 'SUBSCRIPTION' }),
  /** One recovery per subscription at a time: the lock item beside the subscription. */
  recoveryLock: (subscriptionId: string) => ({ pk: `SUBSCRIPTION#${subscriptionId}`, sk: 'RECOVERY' }),
  /** A subscription's SMS texts on one UTC day (`YYYY-MM-DD`), the daily cap's counter. */
  smsTexts: (subscriptionId: string, day: string) => ({
    pk: `SUBSCRIPTION#${subscriptionId}`,
    sk: `SMS#${day}`,
  }),
  /** Confirmation codes sent to one phone number (known by its digest) on one UTC day. */
  smsCodes: (phoneDigest: string, day: string) => ({ pk: `PHONE#${phoneDigest}`, sk: `CODES#${day}` }),
  subscriptionsOf: (subscriberId: string) => `SUBSCRIBER#${subscriberId}#SUBSCRIPTIONS`,
  materialIndex: (material: string, subscriptionId: string) => ({
    pk: `MATERIAL#${material}`,
    sk: `SUBSCRIPTION#${subscriptionId}`,
  }),
  materialPartition: (material: string) => `MATERIAL#${material}`,
  /** An inverted-index entry: `partition` is `MATERIAL#<id>`, `DEST#<region>`, `ENTITY#<block>` or `HS#<chapter>`. */
  indexEntry: (partition: string, subscriptionId: string) => ({
    pk: partition,
    sk: `SUBSCRIPTION#${subscriptionId}`,
  }),
  /** A change's current state (latest revision, lifecycle), listed newest first on `gsi1` under `CHANGES`. */
  changeHead: (id: string) => ({ pk: `CHANGE#${id}`, sk: 'HEAD' }),
  changeHistory: () => 'CHANGES',
  /** Relations naming a change, under the change's source + sourceRef so a later arrival finds them. */
  relationsTo: (source: string, sourceRef: string) =>
    `RELATIONS#${encodeURIComponent(source)}#${encodeURIComponent(sourceRef)}`,
  /** Changes whose status changes at a known instant, on `gsi2`, sorted by that instant. */
  lifecycleDue: () => 'LIFECYCLE#DUE',
  /** Subscriptions that had an alert about a change: one item per batch of alerts written together. */
  recipients: (policyChangeId: string, firstAlertId: string) => ({
    pk: `RECIPIENTS#${policyChangeId}`,
    sk: firstAlertId,
  }),
  recipientsOf: (policyChangeId: string) => `RECIPIENTS#${policyChangeId}`,
  changeRef: (source: string, sourceRef: string) => ({
    pk: `CHANGEREF#${encodeURIComponent(source)}#${encodeURIComponent(sourceRef)}`,
    sk: 'CHANGEREF',
  }),
  changeRevision: (id: string, revision: number) => ({
    pk: `CHANGE#${id}`,
    sk: `REV#${String(revision).padStart(10, '0')}`,
  }),
  changePartition: (id: string) => `CHANGE#${id}`,
  /** The alert's immutable body (signed payload, SMS/e-mail text), written once by the matcher. */
  alert: (alertId: string) => ({ pk: `ALERT#${alertId}`, sk: 'ALERT' }),
  /** A delivery's mutable state, in its subscription's partition, sorted by creation. */
  delivery: (ref: { subscriptionId: string; createdAt: string; deliveryId: string }) => ({
    pk: `SUBSCRIPTION#${ref.subscriptionId}#DELIVERIES`,
    sk: `${ref.createdAt}#${ref.deliveryId}`,
  }),
  deliveriesOf: (subscriptionId: string) => `SUBSCRIPTION#${subscriptionId}#DELIVERIES`,
  /**
   * Open work, on the sparse `gsi2`: a delivery not yet delivered or dead sits in one of
   * OPEN_SHARDS partitions, sorted by when it is next due, so the recovery sweep finds stuck
   * deliveries by querying, never scanning.
   */
  openDeliveries: (shard: number) => `OPEN#${shard}`,
  /** Dead deliveries across subscribers, on `gsi2`, sorted by when they died: the admin's dead-letter view. */
  deadDeliveries: () => 'DEAD',
  /** Revisions whose matching has not completed, on `gsi2`, sorted by ingestion time. */
  pendingMatching: () => 'MATCHING#PENDING',
  /** Subscriptions with a digest, on `gsi2`: what the digest run goes through. */
  digestSubscriptions: () => 'DIGESTS',
  /** How far a subscription's digests have covered its gathered alerts. */
  digestCursor: (subscriptionId: string) => ({ pk: `DIGEST#${subscriptionId}`, sk: 'CURSOR' }),
  /** Reminder dates: one partition per UTC day holding the changes that take effect or expire then. */
  dueOn: (day: string) => `DUE#${day}`,
  /** The audit trail: one partition sorted by time; per target on gsi1. */
  audit: (at: string, id: string) => ({ pk: 'AUDIT', sk: `${at}#${id}` }),
  auditPartition: () => 'AUDIT',
  auditTargetPartition: (targetKey: string) => `AUDIT#${targetKey}`,
  catalogue: () => ({ pk: 'CATALOGUE', sk: 'CATALOGUE' }),
  /** Local mode's running metric totals, one item. */
  stats: () => ({ pk: 'STATS', sk: 'COUNTERS' }),
  /** An imported change waiting for an administrator (listed by status on `gsi1`). */
  review: (id: string) => ({ pk: `REVIEW#${id}`, sk: 'REVIEW' }),
  /** The review item of one revision of a source's change, so importing it again finds it. */
  reviewRef: (source: string, sourceRef: string, revision: number) => ({
    pk: `REVIEWREF#${source}#${sourceRef}#${revision}`,
    sk: 'REVIEWREF',
  }),
  reviewsByStatus: (status: string) => `REVIEWS#${status}`,
  /** Where a scheduled import of one source stands. */
  importCursor: (source: string) => ({ pk: `IMPORT#${source}`, sk: 'CURSOR' }),
  /** One small item per webhook endpoint (`endpointKey` of its URL): pace and circuit. */
  endpoint: (endpoint: string) => ({ pk: `ENDPOINT#${endpointHash(endpoint)}`, sk: 'ENDPOINT' }),
  /** A subscriber's event feed: its events sorted by sequence number, its head and its guards. */
  feedOf: (subscriberId: string) => `FEED#${subscriberId}`,
  /** The feed's last sequence number: every append moves it by one, on condition it is unchanged. */
  feedHead: (subscriberId: string) => ({ pk: `FEED#${subscriberId}`, sk: 'HEAD' }),
  feedEvent: (subscriberId: string, sequence: number) => ({
    pk: `FEED#${subscriberId}`,
    sk: feedEventSortKey(sequence),
  }),
  /** Written with the event: an alert already in the feed is not appended again. */
  feedAlert: (subscriberId: string, alertId: string) => ({
    pk: `FEED#${subscriberId}`,
    sk: `ALERT#${alertId}`,
  }),
  /** A calendar URL's token, known by its SHA-256 only. */
  calendarToken: (tokenDigest: string) => ({ pk: `CALENDAR#${tokenDigest}`, sk: 'CALENDAR' }),
  /** Which token is the subscriber's current one, beside the subscriber. */
  calendarOf: (subscriberId: string) => ({ pk: `SUBSCRIBER#${subscriberId}`, sk: 'CALENDAR' }),
} as const;

/** An event's sort key: fixed width, so the feed's order is the order of the keys. */
export function feedEventSortKey(sequence: number): string {
  return `EVENT#${String(sequence).padStart(12, '0')}`;
}

/**
 * An endpoint's part of its key: a hash (the first 32 hex digits of its SHA-256), so a URL that
 * carries a path secret is not a key, and any URL fits the key's length.
 */
export function endpointHash(endpoint: string): string {
  return createHash('sha256').update(endpoint).digest('hex').slice(0, 32);
}

/** Which index projects what: `ALL` copies the item, `KEYS_ONLY` holds the table and index keys. */
export interface IndexDesign {
  name: string;
  partitionKey: string;
  sortKey: string;
  projection: 'ALL' | 'KEYS_ONLY';
}

/** The table as every environment creates it. All key attributes are strings. */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which DynamoDB may delete the item; reads treat it as gone from then on. */
  ttlAttribute: 'ttl',
  indexes: [
    // Items listed per owner: subscriptions per subscriber, API keys, audit records per target.
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    // Sparse: only open and dead deliveries, revisions awaiting matching, changes with a due
    // status change and subscriptions with a digest carry gsi2 keys.
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'KEYS_ONLY' },
  ] satisfies IndexDesign[],
} as const;

/** Every key attribute an item may carry: what `withoutKeys` strips on the way out. */
export const KEY_ATTRIBUTES = [
  TABLE_DESIGN.partitionKey,
  TABLE_DESIGN.sortKey,
  ...TABLE_DESIGN.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
] as const;
