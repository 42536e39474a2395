/**
 * The types the app and its route groups share, so that a route group imports nothing back from
 * the app: who is calling, the variables every request carries, and the limits the API applies.
 */
import type { ApiKeyScope } from '../store/subscriber-store.js';
import type { RateLimit } from './rate-limit.js';

export type { Log } from '../kernel/redaction.js';

/** Who is calling: resolved once per request from the bearer key. */
export interface Principal {
  keyId: string;
  scope: ApiKeyScope;
  subscriberId?: string;
}

/** The variables the app's middleware sets on every request (the principal once authenticated). */
export type ApiEnv = { Variables: { principal: Principal; requestId: string } };

/**
 * The limits the API applies, parsed by the wiring from the environment; each absent one takes
 * its default (and an absent `rateLimit` means no per-key limit).
 */
export interface ApiLimits {
  /** Requests per API key (`RATE_LIMIT`). */
  rateLimit?: RateLimit | undefined;
  /** Subscriptions one subscriber may hold (`MAX_SUBSCRIPTIONS_PER_SUBSCRIBER`). */
  maxSubscriptionsPerSubscriber?: number;
  /** Replays per delivery and hour (`REPLAY_LIMIT`). */
  replayLimit?: number;
  /** Whether keys issued before keys carried a checksum are still looked up (`ACCEPT_LEGACY_API_KEYS`). */
  acceptLegacyApiKeys?: boolean;
  /** Deliveries per second for a webhook that names none (`WEBHOOK_RATE_LIMIT`). */
  webhookRateLimit?: number;
}
