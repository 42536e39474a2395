import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '../kernel/errors.js';
import type { MetricsRecorder } from '../kernel/metrics.js';
import {
  type ApiKeyScope,
  apiKeyShape,
  hashApiKey,
  type SubscriberStore,
} from '../store/subscriber-store.js';
import { clientAddress } from './client-address.js';
import type { KeyLookupBudget } from './key-lookup-budget.js';
import { problemResponse } from './problem.js';
import type { RateLimiter } from './rate-limit.js';
import type { Principal } from './types.js';
import type { UnknownKeyCache } from './unknown-key-cache.js';

export interface AuthDeps {
  subscribers: SubscriberStore;
  /** SHA-256 (hex) of the bootstrap admin key, if one is configured. */
  adminKeyHash: () => Promise<string | undefined>;
  /** Per-key request budget; absent: no limit in this process. */
  rateLimiter?: RateLimiter;
  /** Well-formed keys recently found unknown: refused again without a store read. */
  unknownKeys?: UnknownKeyCache;
  /** Whether keys issued before keys carried a checksum are still looked up (default true). */
  acceptLegacyKeys?: boolean;
  /** Store lookups of keys not yet seen valid, per client address and in total; absent: unbounded. */
  keyLookups?: KeyLookupBudget;
  /** Counts uses of legacy keys (`LegacyApiKeyUses`), so their end can be planned. */
  metrics?: MetricsRecorder;
}

/** The key id the bootstrap admin key (configuration, not a stored key) acts as. */
export const BOOTSTRAP_ADMIN_KEY_ID = 'bootstrap-admin';

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Compares two hex digests without leaking where they differ. */
function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Resolves the caller from `Authorization: Bearer <key>`; 401 when absent or unknown. */
export function authenticate(deps: AuthDeps): MiddlewareHandler<{ Variables: { principal: Principal } }> {
  return async (c, next) => {
    // Several `app.use` prefixes can match one path: resolve the caller (and charge it) once.
    if (c.get('principal')) return next();
    const key = bearerToken(c.req.header('authorization'));
    if (!key) throw new UnauthorizedError();
    const principal = await resolvePrincipal(deps, key, clientAddress(c.env));
    if (!principal) throw new UnauthorizedError('the API key is not valid or has been revoked');
    c.set('principal', principal);
    if (deps.rateLimiter) {
      const decision = deps.rateLimiter.take(principal.keyId);
      if (!decision.allowed) {
        const { rate, burst } = deps.rateLimiter.limit;
        return problemResponse(
          c,
          {
            type: 'rate-limited',
            title: 'Too many requests',
            status: 429,
            detail: `this API key may make ${formatRate(rate)} (bursts of ${burst}); retry in ${decision.retryAfterSeconds} s`,
          },
          { 'retry-after': String(decision.retryAfterSeconds), 'ratelimit-remaining': '0' },
        );
      }
      c.header('ratelimit-remaining', String(decision.remaining));
    }
    return next();
  };
}

async function resolvePrincipal(
  deps: AuthDeps,
  key: string,
  address: string | undefined,
): Promise<Principal | undefined> {
  const adminHash = await deps.adminKeyHash();
  const keyHash = hashApiKey(key);
  if (adminHash && sameDigest(keyHash, adminHash)) return { keyId: BOOTSTRAP_ADMIN_KEY_ID, scope: 'admin' };
  // A key that cannot exist costs nothing: no store read before the checksum holds.
  const shape = apiKeyShape(key);
  if (shape === 'malformed' || (shape === 'legacy' && deps.acceptLegacyKeys === false)) return undefined;
  if (deps.unknownKeys?.has(keyHash)) return undefined;
  const budget = deps.keyLookups;
  const record = budget
    ? await budget.once(keyHash, () => budgetedLookup(deps, budget, key, keyHash, address))
    : await deps.subscribers.findApiKey(key);
  if (!record) {
    deps.unknownKeys?.add(keyHash);
    return undefined;
  }
  if (shape === 'legacy') deps.metrics?.record('LegacyApiKeyUses', 1);
  return {
    keyId: record.keyId,
    scope: record.scope,
    ...(record.subscriberId ? { subscriberId: record.subscriberId } : {}),
  };
}

/** The store read of a key, within the budget for keys this process has not seen valid. */
async function budgetedLookup(
  deps: AuthDeps,
  budget: KeyLookupBudget,
  key: string,
  keyHash: string,
  address: string | undefined,
) {
  // Past the budget the key is not read, so nothing is known of it: 429, not 401.
  const admission = budget.admit(keyHash, address);
  if (!admission.allowed) {
    const from = admission.exhausted === 'address' ? 'from this address' : 'from all callers together';
    throw new TooManyRequestsError(
      'rate-limited',
      `too many unrecognised API keys ${from}; retry in ${admission.retryAfterSeconds} s`,
      admission.retryAfterSeconds,
    );
  }
  const record = await deps.subscribers.findApiKey(key);
  admission.settle(record !== undefined);
  return record;
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1) return `${Number(perSecond.toFixed(2))} requests per second`;
  return `${Number((perSecond * 60).toFixed(2))} requests per minute`;
}

/**
 * Route middleware: refuses callers whose scope is not listed, before the body is validated, so
 * a caller who may not use a route learns nothing about its schema.
 */
export function allow(...scopes: ApiKeyScope[]): MiddlewareHandler<{ Variables: { principal: Principal } }> {
  return async (c, next) => {
    requireScope(c.get('principal'), ...scopes);
    await next();
  };
}

/** Refuses callers whose scope is not listed (403: the key is fine, the action is not). */
export function requireScope(principal: Principal, ...scopes: ApiKeyScope[]): void {
  if (!scopes.includes(principal.scope)) {
    throw new ForbiddenError(
      `this action needs a key with scope ${scopes.join(' or ')}; yours is ${principal.scope}`,
    );
  }
}

/** The calling subscriber's id; only subscriber keys have one. */
/**
 * Whose deliveries the caller may see: its own subscriber id, or undefined for an administrator,
 * who inspects and replays any subscriber's deliveries.
 */
export function deliveryOwner(principal: Principal): string | undefined {
  return principal.scope === 'admin' ? undefined : requireSubscriber(principal);
}

export function requireSubscriber(principal: Principal): string {
  requireScope(principal, 'subscriber');
  if (!principal.subscriberId) throw new ForbiddenError('this key belongs to no subscriber');
  return principal.subscriberId;
}
