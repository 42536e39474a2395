import { ConflictError, ValidationError } from '../kernel/errors.js';
import type { Catalogue } from '../model/catalogue.js';
import type { Profile } from '../model/profile.js';
import type { Subscription } from '../model/subscription.js';
import { catalogueIssues } from '../policy/catalogue-issues.js';
import type { TransactItem } from '../store/audit-store.js';
import type { SubscriberStore } from '../store/subscriber-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';

/**
 * Profiles: a subscription's own and its subscriber's default. The matcher's index items carry
 * the profile each subscription is judged on, so a new default is copied to every subscription
 * that has none of its own, in the same request.
 */

/** A profile with its regions checked against the catalogue and in their canonical case. */
export function normaliseProfile(profile: Profile, catalogue: Catalogue, field: string): Profile {
  const issues = catalogueIssues(catalogue, [
    ...(profile.verifiedEndUser
      ? [{ field: `${field}.verifiedEndUser`, regions: profile.verifiedEndUser }]
      : []),
    ...(profile.licences
      ? [{ field: `${field}.licences`, regions: profile.licences.map((l) => l.issuer) }]
      : []),
  ]);
  if (issues.length > 0)
    throw new ValidationError('the profile names regions the catalogue does not know', issues);
  const region = (code: string) => catalogue.normaliseRegion(code);
  return {
    ...profile,
    ...(profile.verifiedEndUser
      ? { verifiedEndUser: [...new Set(profile.verifiedEndUser.map(region))] }
      : {}),
    ...(profile.licences
      ? { licences: profile.licences.map((licence) => ({ ...licence, issuer: region(licence.issuer) })) }
      : {}),
  };
}

export interface DefaultProfileDeps {
  subscribers: Pick<SubscriberStore, 'getSubscriber' | 'setDefaultProfile'>;
  subscriptions: Pick<SubscriptionStore, 'listBySubscriber' | 'get' | 'replace'>;
  catalogue: () => Catalogue | Promise<Catalogue>;
  clock: () => Date;
}

/**
 * Sets (or, with null, removes) a subscriber's default profile, then re-writes each of its
 * subscriptions that has no profile of its own, index items included. Every step is idempotent:
 * a request that failed half-way, sent again, finishes the copy. Returns the subscriptions
 * re-written (one transaction each).
 */
export async function setDefaultProfile(
  deps: DefaultProfileDeps,
  subscriberId: string,
  given: Profile | null,
  audit?: (before: Profile | undefined) => TransactItem,
): Promise<{ defaultProfile?: Profile; subscriptionsUpdated: number }> {
  const profile = given ? normaliseProfile(given, await deps.catalogue(), 'defaultProfile') : null;
  const before = await deps.subscribers.getSubscriber(subscriberId);
  await deps.subscribers.setDefaultProfile(subscriberId, profile, audit?.(before?.defaultProfile));
  let subscriptionsUpdated = 0;
  for (const subscription of await deps.subscriptions.listBySubscriber(subscriberId)) {
    if (await inherit(deps, subscription, profile ?? undefined)) subscriptionsUpdated += 1;
  }
  return { ...(profile ? { defaultProfile: profile } : {}), subscriptionsUpdated };
}

/** Copies the default to one subscription without its own profile; a concurrent writer is read again. */
async function inherit(
  deps: DefaultProfileDeps,
  first: Subscription,
  profile: Profile | undefined,
): Promise<boolean> {
  let subscription: Subscription | undefined = first;
  for (let attempt = 1; subscription; attempt++) {
    if (subscription.profile || sameProfile(subscription.inheritedProfile, profile)) return false;
    const { inheritedProfile: _old, ...rest } = subscription;
    const next: Subscription = {
      ...rest,
      ...(profile ? { inheritedProfile: profile } : {}),
      updatedAt: deps.clock().toISOString(),
      version: subscription.version + 1,
    };
    try {
      await deps.subscriptions.replace(subscription, next);
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 3) throw error;
      subscription = await deps.subscriptions.get(subscription.id);
    }
  }
  return false;
}

function sameProfile(a: Profile | undefined, b: Profile | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
