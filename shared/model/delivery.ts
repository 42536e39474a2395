import { type AttemptRequest, sentRequest, truncateUtf8 } from './attempt-request.js';
import type { PolicyChange, Relation, Status, StatusPeriod } from './policy-change.js';
import type { Applicability } from './profile.js';

/** Events sent to subscribers. */
/** The events about one change (and the test event shaped like them). */
export const CHANGE_EVENT_TYPES = [
  'policy_change.published',
  'policy_change.updated',
  'policy_change.effective_soon',
  'policy_change.expiring_soon',
  'policy_change.status_changed',
  'subscription.test',
] as const;
export type ChangeEventType = (typeof CHANGE_EVENT_TYPES)[number];
/** Every event a subscriber receives: the change events, and the digest that gathers them. */
export const EVENT_TYPES = [...CHANGE_EVENT_TYPES, 'alerts.digest'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Where a delivery goes. `digest`: the alert is gathered for the subscription's next digest (its
 * webhook and e-mail then get one `alerts.digest` per period instead).
 */
export const CHANNELS = ['webhook', 'sms', 'email', 'slack', 'teams', 'digest'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels whose deliveries send the alert's JSON payload (signed, or rendered for chat); the others send its text. */
export function carriesPayload(channel: Channel): boolean {
  return channel === 'webhook' || channel === 'slack' || channel === 'teams';
}

/** Why a change matched a subscription, sent to the receiver so it need not re-derive it. */
export interface MatchExplanation {
  /** Pairs of (change material, filter material) that matched. */
  materials: { change: string; filter: string }[];
  hsCodes?: string[];
  issuingRegion?: string;
  originRegions?: string[];
  affectedRegions?: string[];
  /** Watched entities the change names, with the listed name each was found as. */
  entities?: { watched: string; listed: string; score: number }[];
  /** Set when the subscription is told because it had an alert about the change, not because its filters match now. */
  earlierAlert?: true;
  /** For filters written as a list of clauses: the indices of the clauses that matched. */
  clauses?: number[];
}

/** One alert per (policy change revision, subscription, event type). */
export interface Alert {
  alertId: string;
  /** The receiver's dedupe key (`webhook-id`): stable across retries and replays. */
  webhookId: string;
  policyChangeId: string;
  revision: number;
  subscriptionId: string;
  subscriberId: string;
  type: EventType;
  createdAt: string;
  match: MatchExplanation;
  /** Whether the change applies to the subscription's profile; kept on its deliveries for the console. */
  applicability?: Applicability;
  /** The exact bytes signed and sent on every attempt. */
  payload: string;
  /** Short text for SMS and e-mail channels. */
  text: { subject: string; short: string; long: string };
}

/** When the alert's policy change was ingested, read from the payload the alert carries. */
export function payloadIngestedAt(payload: string): string | undefined {
  try {
    const body = JSON.parse(payload) as { data?: { policyChange?: { ingestedAt?: unknown } } };
    const at = body.data?.policyChange?.ingestedAt;
    return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? at : undefined;
  } catch {
    return undefined;
  }
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export interface DeliveryAttempt {
  at: string;
  statusCode?: number;
  durationMs: number;
  error?: string;
  /** The start of the receiver's response body, capped. */
  excerpt?: string;
  /** The receiver's response headers, capped (see `responseHeaderExcerpt`). */
  responseHeaders?: Record<string, string>;
  /** Webhooks: the `webhook-signature` sent; the log rebuilds the request from it (see `sentRequest`). */
  signature?: string;
  /** How long the attempt waited for its turn under the endpoint's rate limit. */
  rateLimitWaitMs?: number;
  /** How long the delivery was held back by the endpoint's open circuit before this attempt. */
  circuitWaitMs?: number;
  /** SMS: the numbers this attempt reached, so a retry sends only to the others. */
  served?: string[];
}

/** Why a delivery is waiting without an attempt (its retry budget untouched). */
export interface DeliveryHold {
  reason: 'circuit-open';
  since: string;
  until: string;
}

/** What an attempt may keep of the receiver's answer and of an error: enough to debug, not a dump. */
export const ATTEMPT_LIMITS = { excerptBytes: 1024, errorChars: 1000 } as const;

/**
 * An attempt cut to `ATTEMPT_LIMITS`, whatever sender produced it: the excerpt to 1024 bytes of
 * UTF-8 (never splitting a character), the error to 1000 characters. The store applies it, so
 * no path can record more.
 */
export function boundedAttempt(attempt: DeliveryAttempt): DeliveryAttempt {
  const bounded = { ...attempt };
  if (bounded.excerpt !== undefined)
    bounded.excerpt = truncateUtf8(bounded.excerpt, ATTEMPT_LIMITS.excerptBytes);
  if (bounded.error !== undefined && bounded.error.length > ATTEMPT_LIMITS.errorChars) {
    bounded.error = `${bounded.error.slice(0, ATTEMPT_LIMITS.errorChars - 1)}…`;
  }
  return bounded;
}

/** An attempt as the API shows it: a webhook's with the request it sent, rebuilt. */
export type AttemptView = Omit<DeliveryAttempt, 'signature'> & { request?: AttemptRequest };

/**
 * The attempts as the log shows them: each webhook attempt with its request (headers, and the body
 * when the alert's `payload` is at hand). The signature alone is stored; the rest follows.
 */
export function attemptViews(
  delivery: Pick<Delivery, 'attempts' | 'webhookId'>,
  payload: string | undefined,
): AttemptView[] {
  return delivery.attempts.map(({ signature, ...attempt }) =>
    signature === undefined
      ? attempt
      : { ...attempt, request: sentRequest({ at: attempt.at, signature }, delivery.webhookId, payload) },
  );
}

/** What an alert hands on to each of its deliveries: who it is for, and what the change meant to them. */
export type AlertIdentity = Pick<
  Alert,
  | 'alertId'
  | 'webhookId'
  | 'policyChangeId'
  | 'revision'
  | 'subscriptionId'
  | 'subscriberId'
  | 'type'
  | 'applicability'
>;

/** One alert to one channel: the alert's identity, and where its sending stands. */
export interface Delivery extends AlertIdentity {
  id: string;
  channel: Channel;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  createdAt: string;
  updatedAt: string;
  nextAttemptAt?: string;
  deadReason?: string;
  /** Attempts made before the latest replay: the retry schedule restarts after a replay. */
  attemptOffset?: number;
  /** Until when a dispatcher holds the delivery; no other may attempt it before then. */
  leaseUntil?: string;
  /** Set while the endpoint's circuit holds the delivery back. */
  heldBy?: DeliveryHold;
  /** When it was replayed (retry or recover) within the last replay window, oldest first. */
  replays?: string[];
  /** How many times it was ever replayed: the version a replay is conditional on. */
  replayCount?: number;
}

/**
 * What an attempt needs of its delivery: where it is, what it sends, and the attempts so far. A
 * first attempt knows it from its queue message alone; any other reads it with its claim.
 */
export type DeliveryInHand = Pick<
  Delivery,
  | 'id'
  | 'alertId'
  | 'webhookId'
  | 'policyChangeId'
  | 'revision'
  | 'subscriptionId'
  | 'createdAt'
  | 'channel'
  | 'attempts'
  | 'attemptOffset'
  | 'leaseUntil'
  | 'heldBy'
>;

/** The receiver's dedupe key (`webhook-id`) of an alert: the alert's own hash. */
export function webhookIdOf(alertId: string): string {
  return `msg_${alertId.slice('alrt_'.length)}`;
}

/** The attempt number the next attempt will have within the current retry budget (1-based). */
export function nextAttemptNumber(delivery: Pick<Delivery, 'attempts' | 'attemptOffset'>): number {
  return delivery.attempts.length - (delivery.attemptOffset ?? 0) + 1;
}

/** The webhook body, exactly as the contract names its fields. */
export interface WebhookBody {
  type: EventType;
  timestamp: string;
  data: {
    alertId: string;
    subscriptionId: string;
    match: MatchExplanation;
    /** Whether the change applies to the subscription's profile (design, version 3). */
    applicability?: Applicability;
    policyChange: Omit<PolicyChange, 'matching'> & { status?: Status; statusHistory?: StatusPeriod[] };
  } & EventDetails;
}

/** What some events add beside the change (design, version 2). */
export interface EventDetails {
  /** `policy_change.updated`: what differs from the previous revision. */
  changes?: FieldChange[];
  /** `policy_change.status_changed`: the transition and what caused it. */
  statusChange?: { from: Status; to: Status; at: string; causedBy?: { id: string; title: string } };
  /** `policy_change.expiring_soon` of a suspension: the changes that will resume when it ends. */
  resumes?: { id: string; title: string }[];
  /** Any alert about a change with relations: its targets, with their status after it (version 3). */
  relatedChanges?: RelatedChangeSummary[];
}

/**
 * A change another one acts on, as alerts list it. A target not stored yet is named by source and
 * sourceRef only: no id, title or status.
 */
export interface RelatedChangeSummary {
  relation: Relation;
  policyChangeId?: string;
  title?: string;
  status?: Status;
  source?: string;
  sourceRef?: string;
}

/** One field of a change that differs between two revisions. */
export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

/** A delivery as the API shows it. */
export type DeliveryView = Omit<Delivery, 'subscriberId' | 'attempts'> & { attempts: AttemptView[] };

/**
 * A delivery as the API shows it: fields in a reading order, nothing internal; each webhook
 * attempt's request with the body when the alert's `payload` is given.
 */
export function publicDelivery(delivery: Delivery, payload?: string): DeliveryView {
  const view: DeliveryView = {
    id: delivery.id,
    alertId: delivery.alertId,
    webhookId: delivery.webhookId,
    policyChangeId: delivery.policyChangeId,
    revision: delivery.revision,
    subscriptionId: delivery.subscriptionId,
    type: delivery.type,
    channel: delivery.channel,
    status: delivery.status,
    attempts: attemptViews(delivery, payload),
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
  };
  if (delivery.nextAttemptAt) view.nextAttemptAt = delivery.nextAttemptAt;
  if (delivery.deadReason) view.deadReason = delivery.deadReason;
  if (delivery.heldBy) view.heldBy = delivery.heldBy;
  if (delivery.applicability) view.applicability = delivery.applicability;
  return view;
}
