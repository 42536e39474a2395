import '../kernel/validation-messages.js';
import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Notifier } from '../delivery/notify/notifier.js';
import type { DeliveryQueue } from '../delivery/queue/delivery-queue.js';
import type { WebhookUrlPolicy } from '../delivery/webhooks/url-policy.js';
import { fieldIssues, ValidationError } from '../kernel/errors.js';
import type { MetricsRecorder } from '../kernel/metrics.js';
import { type Log, redactingLog } from '../kernel/redaction.js';
import type { Catalogue } from '../model/catalogue.js';
import type { PolicyChange } from '../model/policy-change.js';
import type { CatalogueProvider } from '../policy/catalogue-provider.js';
import type { AuditStore } from '../store/audit-store.js';
import type { CalendarStore } from '../store/calendar-store.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { EventFeedStore } from '../store/event-feed-store.js';
import type { PolicyChangeStore } from '../store/policy-change-store.js';
import type { RecoveryLockStore } from '../store/recovery-lock-store.js';
import type { ReviewStore } from '../store/review-store.js';
import type { SmsQuotaStore } from '../store/sms-quota-store.js';
import type { SubscriberStore } from '../store/subscriber-store.js';
import type { SubscriptionDirectory } from '../store/subscription-directory.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { authenticate } from './auth.js';
import { annotateDocument } from './document-notes.js';
import { KeyLookupBudget } from './key-lookup-budget.js';
import { allowedMethodsOf } from './method-not-allowed.js';
import { API_DOCUMENT_INFO, API_TAGS } from './openapi.js';
import { errorToResponse, problemResponse } from './problem.js';
import { RateLimiter } from './rate-limit.js';
import { acceptedRequestId, requestLog } from './request-log.js';
import { adminRoutes } from './routes/admin.js';
import { adminOperationRoutes } from './routes/admin-operations.js';
import { adminStatsRoutes, type StatsSections } from './routes/admin-stats.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { calendarRoutes } from './routes/calendar.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { catalogueAdminRoutes } from './routes/catalogue-admin.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { deliveryLogRoutes } from './routes/delivery-log.js';
import { eventRoutes } from './routes/events.js';
import { meRoutes } from './routes/me.js';
import { policyChangeRoutes } from './routes/policy-changes.js';
import { reachRoutes } from './routes/reach.js';
import { reviewRoutes } from './routes/review.js';
import { reviewReachRoutes } from './routes/review-reach.js';
import { subscriberProfileRoutes } from './routes/subscriber-profile.js';
import { subscriberRoutes } from './routes/subscribers.js';
import { subscriptionActionRoutes } from './routes/subscription-actions.js';
import { subscriptionPreviewRoutes } from './routes/subscription-preview.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { webhookHealthRoutes } from './routes/webhook-health.js';
import { apiSecurityHeaders } from './security-headers.js';
import type { ApiEnv, ApiLimits } from './types.js';
import { UnknownKeyCache } from './unknown-key-cache.js';
import { registerWebhookEvents } from './webhook-events.js';

/**
 * Everything the API uses, injected: the same app serves Lambda, `npm start` and tests. Each route
 * group declares and receives only the part it uses.
 */
export interface ApiDeps {
  subscribers: SubscriberStore;
  subscriptions: SubscriptionStore;
  changes: PolicyChangeStore;
  deliveries: DeliveryStore;
  catalogue: () => Catalogue | Promise<Catalogue>;
  adminKeyHash: () => Promise<string | undefined>;
  webhookPolicy: WebhookUrlPolicy;
  clock: () => Date;
  log: Log;
  /** Replays and test events go to the dispatcher through the delivery queue. */
  queue: DeliveryQueue;
  /** E-mail topics are created and removed with their subscriptions. */
  notifier: Notifier;
  /** How long a rotated-out webhook secret keeps signing. */
  secretRotationGraceMs?: number;
  /** Runs after a new policy-change revision is stored (local mode: the in-process matcher). */
  onPolicyChangeStored?: (change: PolicyChange) => Promise<void> | void;
  /** The append-only audit trail: every admin action and subscription change. */
  audit: AuditStore;
  /** Subscriptions across subscribers, for the admin routes. */
  directory: SubscriptionDirectory;
  /** Imported changes waiting for an administrator (`/v1/admin/review`). */
  reviews: ReviewStore;
  /** The live catalogue, which the admin routes edit. */
  catalogues: CatalogueProvider;
  /** One recovery per subscription at a time. */
  recoveryLocks: RecoveryLockStore;
  /** Daily SMS allowances (confirmation codes per number). */
  smsQuota: SmsQuotaStore;
  /**
   * Per-key rate limit, subscriptions per subscriber, replays per delivery and hour, legacy keys,
   * deliveries per second for a webhook that names none; absent: no rate limit and the defaults.
   */
  limits?: ApiLimits;
  /** Replaces the limiter built from `limits.rateLimit` (tests use one with a fake clock). */
  rateLimiter?: RateLimiter;
  /** Well-formed unknown keys, refused again without a store read; one per app by default. */
  unknownKeys?: UnknownKeyCache;
  /** Store lookups of keys not yet seen valid, per client address and in total; one per app by default. */
  keyLookups?: KeyLookupBudget;
  /** Where the API counts what operators watch (legacy-key use); nothing when absent. */
  metrics?: MetricsRecorder;
  /** What `GET /v1/admin/stats` reports, by section; absent (deployed): the route answers 404. */
  statsSections?: StatsSections;
  /** The subscribers' event feeds (`GET /v1/events`). */
  feeds: EventFeedStore;
  /** Private calendar URLs' tokens (`/v1/me/calendar`). */
  calendars: CalendarStore;
}

/** How long a well-formed key the store did not know is refused without reading it again. */
export const UNKNOWN_KEY_TTL_MS = 60_000;

/** Request bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The HTTP API.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/health');
 */
export function createApp(apiDeps: ApiDeps) {
  const limit = apiDeps.limits?.rateLimit;
  const rateLimiter = apiDeps.rateLimiter ?? (limit ? new RateLimiter(limit) : undefined);
  // Nothing the API logs may carry a secret or personal data, whoever wrote the log line. The
  // bootstrap key is known here only by its digest, learnt once it is first read.
  const secretDigests = new Set<string>();
  const learnBootstrapDigest = () =>
    apiDeps
      .adminKeyHash()
      .then((digest) => {
        if (digest) secretDigests.add(digest);
      })
      .catch(() => {});
  void learnBootstrapDigest();
  const deps: ApiDeps = {
    ...apiDeps,
    log: redactingLog(apiDeps.log, { secretDigests }),
    ...(rateLimiter ? { rateLimiter } : {}),
    unknownKeys: apiDeps.unknownKeys ?? new UnknownKeyCache(UNKNOWN_KEY_TTL_MS),
    keyLookups: apiDeps.keyLookups ?? new KeyLookupBudget(),
  };
  const authDeps = {
    ...deps,
    ...(deps.limits?.acceptLegacyApiKeys === false ? { acceptLegacyKeys: false } : {}),
  };
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const target = result.target === 'json' ? undefined : result.target;
        throw new ValidationError('the request does not validate', fieldIssues(result.error, target));
      }
    },
  });

  app.use('*', async (c, next) => {
    const requestId = acceptedRequestId(c.req.header('x-request-id')) ?? randomUUID();
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    await next();
  });
  app.use('*', requestLog(deps.log));
  app.use('*', apiSecurityHeaders(allowedMethodsOf(app.routes)));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The unread rest of the body would be taken for the next request on a kept-alive
      // connection, so the answer says the connection closes (and the server then closes it).
      onError: (c) =>
        problemResponse(
          c,
          {
            type: 'payload-too-large',
            title: 'Payload too large',
            status: 413,
            detail: `request bodies are limited to ${MAX_BODY_BYTES} bytes`,
          },
          { connection: 'close' },
        ),
    }),
  );

  app.get('/health', (c) => c.json({ status: 'ok' }));
  // Built on first request, once every route is registered; the routes never change afterwards.
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= annotateDocument(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: API_DOCUMENT_INFO,
        // Relative: clients and "Try it out" call the origin that served the document.
        servers: [{ url: '/', description: 'The service that served this document' }],
        tags: [...API_TAGS],
      }),
    );
    return c.json(document);
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key: `Authorization: Bearer <key>`. Scopes: `admin`, `ingest` (posts policy changes), `subscriber` (its own subscriptions only).',
  });

  // Each route group is a sub-app. Hono runs handlers in the order they are added: the public
  // catalogue comes before the prefixes that require a key, and every keyed group after them.
  app.route('/', catalogueRoutes(deps));
  app.use('/v1/subscribers/*', authenticate(authDeps));
  app.use('/v1/subscribers', authenticate(authDeps));
  app.use('/v1/api-keys/*', authenticate(authDeps));
  app.use('/v1/me/*', authenticate(authDeps));
  app.use('/v1/admin/*', authenticate(authDeps));
  app.use('/v1/subscriptions/*', authenticate(authDeps));
  app.use('/v1/subscriptions', authenticate(authDeps));
  app.use('/v1/deliveries/*', authenticate(authDeps));
  app.use('/v1/policy-changes/*', authenticate(authDeps));
  app.use('/v1/policy-changes', authenticate(authDeps));
  app.use('/v1/regime', authenticate(authDeps));
  app.use('/v1/events', authenticate(authDeps));
  app.route('/', subscriberRoutes(deps));
  app.route('/', subscriptionRoutes(deps));
  app.route('/', subscriptionActionRoutes(deps));
  app.route('/', reachRoutes(deps));
  app.route('/', deliveryRoutes(deps));
  app.route('/', deliveryLogRoutes(deps));
  app.route('/', webhookHealthRoutes(deps));
  app.route('/', policyChangeRoutes(deps));
  app.route('/', apiKeyRoutes(deps));
  app.route('/', meRoutes(deps));
  app.route('/', subscriberProfileRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', adminStatsRoutes(deps));
  app.route('/', adminOperationRoutes(deps));
  app.route('/', reviewRoutes(deps));
  app.route('/', catalogueAdminRoutes(deps));
  app.route('/', eventRoutes(deps));
  app.route('/', calendarRoutes(deps));
  // Routes with no `{id}` segment where an id route could match them; appended, so the API
  // description keeps its order.
  app.route('/', subscriptionPreviewRoutes(deps));
  app.route('/', reviewReachRoutes(deps));
  registerWebhookEvents(app.openAPIRegistry);

  const allowedMethods = allowedMethodsOf(app.routes);
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    if (allowed.length > 0) {
      return problemResponse(
        c,
        {
          type: 'method-not-allowed',
          title: 'Method not allowed',
          status: 405,
          detail: `${c.req.path} answers ${allowed.join(', ')}, not ${c.req.method}`,
        },
        { allow: allowed.join(', ') },
      );
    }
    return problemResponse(c, {
      type: 'not-found',
      title: 'Not found',
      status: 404,
      detail: `no route for ${c.req.method} ${c.req.path}`,
    });
  });
  app.onError((error, c) => errorToResponse(error, c, deps.log));
  return app;
}

export type App = ReturnType<typeof createApp>;
