import type { Notifier } from '../delivery/notify/notifier.js';
import { generateWebhookSecret } from '../delivery/webhooks/signing.js';
import type { WebhookUrlPolicy } from '../delivery/webhooks/url-policy.js';
import { ConflictError, type FieldIssue, ValidationError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { Log } from '../kernel/redaction.js';
import type { Catalogue } from '../model/catalogue.js';
import {
  type Filters,
  publicSubscription,
  type Subscription,
  type SubscriptionFilters,
  type SubscriptionInput,
  type SubscriptionPatch,
} from '../model/subscription.js';
import type { SubscriptionAudit } from '../operations/subscription-audit.js';
import { catalogueIssues } from '../policy/catalogue-issues.js';
import type { SmsQuotaStore } from '../store/sms-quota-store.js';
import type { SubscriberStore } from '../store/subscriber-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { applyReachPatch, checkChannelUrl, checkDigestHasChannel, reachOfInput } from './channel-urls.js';
import { checkIndexSize } from './index-size.js';
import { normaliseProfile } from './profile-service.js';
import { type CodeToSend, confirmationsFor, sendCodes } from './sms-confirmation.js';
import { DEFAULT_MAX_SUBSCRIPTIONS } from './subscription-limit.js';

export interface SubscriptionServiceDeps {
  subscriptions: SubscriptionStore;
  catalogue: () => Catalogue | Promise<Catalogue>;
  webhookPolicy: WebhookUrlPolicy;
  clock: () => Date;
  /** Owns the subscriptions' e-mail topics (created, kept in step, deleted with the subscription). */
  notifier: Notifier;
  /** How long a rotated-out secret keeps signing (24 h by default). */
  secretRotationGraceMs?: number;
  /** `webhookRateLimit`: deliveries per second for a webhook that names none (10 by default). */
  limits?: { webhookRateLimit?: number };
  /** Where a new subscription finds its subscriber's default profile; absent: it inherits none. */
  subscribers?: Pick<SubscriberStore, 'getSubscriber'>;
  /** Confirmation codes per number and day; absent: codes are made but not texted (tests). */
  smsQuota?: SmsQuotaStore;
  log?: Log;
}

/** Texts the confirmation codes of newly added numbers (after the subscription is stored). */
async function textCodes(deps: SubscriptionServiceDeps, codes: readonly CodeToSend[]) {
  if (codes.length === 0 || !deps.smsQuota) return;
  await sendCodes({ ...deps, smsQuota: deps.smsQuota }, codes);
}

/** Deliveries per second for a webhook created without a rate limit. */
export const DEFAULT_WEBHOOK_RATE_LIMIT = 10;

/**
 * Checks filters against the catalogue: material names and synonyms become ids, region codes take
 * their canonical case, HS prefixes lose their dots, watched entities' countries are checked.
 * `field` is where the clause sits in the request (`filters`, or `filters.3` in a list).
 */
export function normaliseFilters(filters: Filters, catalogue: Catalogue, field = 'filters'): Filters {
  const resolved = filters.materials ? catalogue.resolveMaterials(filters.materials) : undefined;
  const issues: FieldIssue[] = [];
  if (resolved && resolved.unknown.length > 0) {
    issues.push({
      field: `${field}.materials`,
      message: 'unknown materials: use catalogue ids, names or synonyms (see GET /v1/materials)',
      values: resolved.unknown,
    });
  }
  issues.push(
    ...catalogueIssues(catalogue, [
      ...(filters.issuingRegions
        ? [{ field: `${field}.issuingRegions`, regions: filters.issuingRegions }]
        : []),
      ...(filters.originRegions ? [{ field: `${field}.originRegions`, regions: filters.originRegions }] : []),
      ...(filters.affectedRegions
        ? [{ field: `${field}.affectedRegions`, regions: filters.affectedRegions }]
        : []),
      ...(filters.entities
        ? [
            {
              field: `${field}.entities`,
              regions: filters.entities.flatMap((e) => (e.country ? [e.country] : [])),
            },
          ]
        : []),
    ]),
  );
  if (issues.length > 0)
    throw new ValidationError('the filters name things the catalogue does not know', issues);
  const regions = (codes: readonly string[] | undefined) =>
    codes ? [...new Set(codes.map((code) => catalogue.normaliseRegion(code)))] : undefined;
  return {
    ...filters,
    ...(resolved ? { materials: resolved.ids } : {}),
    ...(filters.hsCodes ? { hsCodes: [...new Set(filters.hsCodes)] } : {}),
    ...(filters.issuingRegions ? { issuingRegions: regions(filters.issuingRegions) } : {}),
    ...(filters.originRegions ? { originRegions: regions(filters.originRegions) } : {}),
    ...(filters.affectedRegions ? { affectedRegions: regions(filters.affectedRegions) } : {}),
    ...(filters.changeTypes ? { changeTypes: [...new Set(filters.changeTypes)] } : {}),
    ...(filters.directions ? { directions: [...new Set(filters.directions)] } : {}),
    ...(filters.itemTypes ? { itemTypes: [...new Set(filters.itemTypes)] } : {}),
    ...(filters.scopes ? { scopes: [...new Set(filters.scopes)] } : {}),
    ...(filters.entities
      ? {
          entities: filters.entities.map((entity) =>
            entity.country ? { ...entity, country: catalogue.normaliseRegion(entity.country) } : entity,
          ),
        }
      : {}),
  };
}

/** `normaliseFilters` for each clause of a list (issues named `filters.<index>.<field>`), or the single object. */
export function normaliseSubscriptionFilters(
  filters: SubscriptionFilters,
  catalogue: Catalogue,
): SubscriptionFilters {
  if (!Array.isArray(filters)) return normaliseFilters(filters, catalogue);
  const issues: FieldIssue[] = [];
  const clauses = filters.flatMap((clause, index) => {
    try {
      return [normaliseFilters(clause, catalogue, `filters.${index}`)];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...(error.errors ?? []));
      return [];
    }
  });
  if (issues.length > 0)
    throw new ValidationError('the filters name things the catalogue does not know', issues);
  return clauses;
}

/**
 * Creates a subscription; the webhook secret is returned here and never again.
 *
 * @example
 * const { subscription, secret } = await createSubscription(deps, 'sbr_…', input);
 */
export async function createSubscription(
  deps: SubscriptionServiceDeps,
  subscriberId: string,
  input: SubscriptionInput,
  audit?: SubscriptionAudit,
  /** Subscriptions the subscriber may hold; counted in the create's own transaction. */
  maxSubscriptions = DEFAULT_MAX_SUBSCRIPTIONS,
) {
  const catalogue = await deps.catalogue();
  const now = deps.clock();
  const filters = normaliseSubscriptionFilters(input.filters, catalogue);
  checkIndexSize(filters);
  const profile = input.profile ? normaliseProfile(input.profile, catalogue, 'profile') : undefined;
  const inherited = (await deps.subscribers?.getSubscriber(subscriberId))?.defaultProfile;
  const secret = input.webhook ? generateWebhookSecret() : undefined;
  const subscription: Subscription = {
    id: newId('sub', now),
    subscriberId,
    name: input.name,
    filters,
    ...(input.webhook && secret
      ? {
          webhook: {
            url: checkChannelUrl(input.webhook.url, deps.webhookPolicy, 'webhook.url'),
            secrets: [{ secret, createdAt: now.toISOString() }],
            status: 'enabled' as const,
            rateLimit: input.webhook.rateLimit ?? deps.limits?.webhookRateLimit ?? DEFAULT_WEBHOOK_RATE_LIMIT,
          },
        }
      : {}),
    ...(input.sms ? { sms: [...new Set(input.sms)] } : {}),
    ...(input.email ? { email: [...new Set(input.email.map((a) => a.toLowerCase()))] } : {}),
    ...(input.feed ? { feed: true as const } : {}),
    ...reachOfInput(input, deps.webhookPolicy),
    status: 'active',
    ...(profile ? { profile } : {}),
    ...(inherited ? { inheritedProfile: inherited } : {}),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  checkDigestHasChannel(subscription);
  // Each number receives alerts only once it confirmed the code texted to it.
  const { confirmations, codes } = confirmationsFor(subscription.id, subscription.sms, undefined, now);
  if (confirmations) subscription.smsConfirmations = confirmations;
  if (subscription.email) {
    subscription.emailTopicArn = await deps.notifier.ensureEmailTopic(subscription.id, subscription.email);
  }
  await withTopicCleanup(deps, subscription.emailTopicArn, () =>
    deps.subscriptions.create(subscription, audit?.({ after: subscription }), { max: maxSubscriptions }),
  );
  await textCodes(deps, codes);
  const view = publicSubscription(subscription);
  return {
    ...view,
    ...(view.webhook && secret ? { webhook: { ...view.webhook, secret } } : {}),
  };
}

/**
 * Applies a partial update. `null` removes a channel; removing the last channel is refused.
 * A new webhook URL keeps the existing secret; a webhook added afresh gets one, returned once.
 */
export async function updateSubscription(
  deps: SubscriptionServiceDeps,
  previous: Subscription,
  patch: SubscriptionPatch,
  audit?: SubscriptionAudit,
) {
  const catalogue = await deps.catalogue();
  const now = deps.clock();
  const next: Subscription = {
    ...previous,
    updatedAt: now.toISOString(),
    version: previous.version + 1,
  };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.filters !== undefined) {
    next.filters = normaliseSubscriptionFilters(patch.filters, catalogue);
    checkIndexSize(next.filters, previous.filters);
  }
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.profile === null) delete next.profile;
  else if (patch.profile !== undefined) next.profile = normaliseProfile(patch.profile, catalogue, 'profile');
  let newSecret: string | undefined;
  if (patch.webhook === null) delete next.webhook;
  else if (patch.webhook !== undefined) {
    const rateLimit = patch.webhook.rateLimit;
    if (patch.webhook.url === undefined) {
      // Only the rate limit changes: the endpoint is the same.
      if (!previous.webhook) {
        throw new ValidationError('this subscription has no webhook', [
          { field: 'webhook.url', message: 'required to add a webhook' },
        ]);
      }
      next.webhook = { ...previous.webhook, ...(rateLimit !== undefined ? { rateLimit } : {}) };
    } else {
      const url = checkChannelUrl(patch.webhook.url, deps.webhookPolicy, 'webhook.url');
      if (previous.webhook) {
        // A new URL is a fresh start for the endpoint: enabled again, same secret.
        next.webhook = {
          ...previous.webhook,
          url,
          status: 'enabled',
          ...(rateLimit !== undefined ? { rateLimit } : {}),
        };
        delete next.webhook.disabledReason;
        delete next.webhook.circuit;
      } else {
        newSecret = generateWebhookSecret();
        next.webhook = {
          url,
          secrets: [{ secret: newSecret, createdAt: now.toISOString() }],
          status: 'enabled',
          rateLimit: rateLimit ?? deps.limits?.webhookRateLimit ?? DEFAULT_WEBHOOK_RATE_LIMIT,
        };
      }
    }
  }
  let codes: CodeToSend[] = [];
  if (patch.sms === null) {
    delete next.sms;
    delete next.smsConfirmations;
  } else if (patch.sms !== undefined) {
    next.sms = [...new Set(patch.sms)];
    const confirmed = confirmationsFor(next.id, next.sms, previous.smsConfirmations, now);
    codes = confirmed.codes;
    if (confirmed.confirmations) next.smsConfirmations = confirmed.confirmations;
  }
  if (patch.email === null) delete next.email;
  else if (patch.email !== undefined) next.email = [...new Set(patch.email.map((a) => a.toLowerCase()))];
  applyReachPatch(next, patch, deps.webhookPolicy);
  if (patch.feed === true) next.feed = true;
  else if (patch.feed === false || patch.feed === null) delete next.feed;
  if (!next.webhook && !next.sms?.length && !next.email?.length && !next.slack && !next.teams && !next.feed) {
    throw new ValidationError('a subscription needs at least one channel', [
      { field: 'webhook', message: 'removing this would leave the subscription without a channel' },
    ]);
  }
  checkDigestHasChannel(next);
  const emailsChanged = JSON.stringify(previous.email ?? []) !== JSON.stringify(next.email ?? []);
  if (next.email?.length && (emailsChanged || !next.emailTopicArn)) {
    next.emailTopicArn = await deps.notifier.ensureEmailTopic(next.id, next.email);
  }
  if (!next.email?.length) delete next.emailTopicArn;
  await deps.subscriptions.replace(previous, next, audit?.({ before: previous, after: next }));
  await textCodes(deps, codes);
  if (previous.emailTopicArn && !next.emailTopicArn) await deleteTopicQuietly(deps, previous.emailTopicArn);
  const view = publicSubscription(next);
  return {
    ...view,
    ...(view.webhook && newSecret ? { webhook: { ...view.webhook, secret: newSecret } } : {}),
  };
}

/**
 * Pauses (`paused`) or resumes (`active`) a subscription. One already in that status is left as
 * it is: nothing is written and nothing audited.
 */
export async function setSubscriptionStatus(
  deps: SubscriptionServiceDeps,
  previous: Subscription,
  status: 'active' | 'paused',
  audit?: SubscriptionAudit,
) {
  if (previous.status === status) return publicSubscription(previous);
  return updateSubscription(deps, previous, { status }, audit);
}

/**
 * Deletes the caller's subscription. The store refuses a delete based on a stale copy (its index
 * entries would be left behind); here that only means another writer got in first, so read again.
 */
export async function deleteSubscription(
  deps: Pick<SubscriptionServiceDeps, 'subscriptions' | 'notifier'>,
  id: string,
  subscriberId: string,
  audit?: SubscriptionAudit,
) {
  for (let attempt = 1; ; attempt++) {
    const subscription = await deps.subscriptions.getOwned(id, subscriberId);
    try {
      await deps.subscriptions.delete(subscription, audit?.({ before: subscription }), { counted: true });
      if (subscription.emailTopicArn) await deleteTopicQuietly(deps, subscription.emailTopicArn);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 3) throw error;
    }
  }
}

/** Runs a store write; if it fails, removes the e-mail topic made for it, so nothing is left half-made. */
async function withTopicCleanup(
  deps: Pick<SubscriptionServiceDeps, 'notifier'>,
  topicArn: string | undefined,
  write: () => Promise<void>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (topicArn) await deleteTopicQuietly(deps, topicArn);
    throw error;
  }
}

/** Topic deletion after the subscription is gone: a leftover topic costs nothing and is harmless. */
async function deleteTopicQuietly(deps: Pick<SubscriptionServiceDeps, 'notifier'>, topicArn: string) {
  try {
    await deps.notifier.deleteEmailTopic(topicArn);
  } catch {
    // Nothing publishes to it any more; an operator can remove it later.
  }
}

/** The default grace period during which a rotated-out secret still signs. */
export const DEFAULT_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Rotates the webhook's signing secret. The new secret signs from now on; the previous ones keep
 * signing until the grace period ends, so receivers can switch without missing a delivery.
 * Returns the new secret, once.
 */
export async function rotateWebhookSecret(
  deps: Pick<SubscriptionServiceDeps, 'subscriptions' | 'clock' | 'secretRotationGraceMs'>,
  previous: Subscription,
  audit?: SubscriptionAudit,
) {
  if (!previous.webhook) {
    throw new ValidationError('this subscription has no webhook', [
      { field: 'webhook', message: 'add a webhook before rotating its secret' },
    ]);
  }
  const now = deps.clock();
  const graceEnds = new Date(
    now.getTime() + (deps.secretRotationGraceMs ?? DEFAULT_ROTATION_GRACE_MS),
  ).toISOString();
  const secret = generateWebhookSecret();
  // At most two previous secrets stay live, so rotating in a hurry cannot grow the header unbounded.
  const kept = previous.webhook.secrets
    .filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime())
    .slice(0, 2)
    .map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < graceEnds ? s.expiresAt : graceEnds }));
  const next: Subscription = {
    ...previous,
    webhook: { ...previous.webhook, secrets: [{ secret, createdAt: now.toISOString() }, ...kept] },
    updatedAt: now.toISOString(),
    version: previous.version + 1,
  };
  await deps.subscriptions.replace(previous, next, audit?.({ before: previous, after: next }));
  return {
    subscriptionId: previous.id,
    secret,
    previousSecretsExpireAt: kept.length > 0 ? graceEnds : undefined,
  };
}

/** Turns a disabled webhook back on, with a clean health record. */
export async function enableWebhook(
  deps: Pick<SubscriptionServiceDeps, 'subscriptions' | 'clock'>,
  previous: Subscription,
  audit?: SubscriptionAudit,
) {
  if (!previous.webhook) {
    throw new ValidationError('this subscription has no webhook', [
      { field: 'webhook', message: 'nothing to enable' },
    ]);
  }
  const now = deps.clock();
  const { disabledReason: _reason, failingSince: _since, ...webhook } = previous.webhook;
  const next: Subscription = {
    ...previous,
    webhook: { ...webhook, status: 'enabled' },
    updatedAt: now.toISOString(),
    version: previous.version + 1,
  };
  await deps.subscriptions.replace(previous, next, audit?.({ before: previous, after: next }));
  return publicSubscription(next);
}
