import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type ReplayDeps, recoverDeliveries, sendTestEvent } from '../../delivery/replay.js';
import { CHANGE_EVENT_TYPES, publicDelivery } from '../../model/delivery.js';
import { E164Schema } from '../../model/subscription.js';
import { subscriptionAudit } from '../../operations/subscription-audit.js';
import {
  confirmSmsNumber,
  resendSmsCode,
  type SmsConfirmationDeps,
} from '../../subscriptions/sms-confirmation.js';
import {
  enableWebhook,
  rotateWebhookSecret,
  type SubscriptionServiceDeps,
} from '../../subscriptions/subscription-service.js';
import { disableWebhook } from '../../subscriptions/webhook-switch.js';
import { auditContext, type RequestAuditDeps } from '../audit-context.js';
import { allow, requireSubscriber } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  DELIVERY_HISTORY,
  DeliveryViewSchema,
  IdParamSchema,
  json,
  problemContent,
  SubscriptionViewSchema,
  security,
  subscriptionNotFound,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';

const notFound = subscriptionNotFound;
const conflict = { 409: { description: 'Changed concurrently; try again', content: problemContent } };

const RecoverInputSchema = z
  .strictObject({
    since: z.iso.datetime({ offset: true }).openapi({
      description: 'ISO 8601 with an offset; deliveries created at or after this time are sent again',
      example: '2026-01-05T08:00:00Z',
    }),
  })
  .openapi('RecoverInput', { example: { since: '2026-01-05T08:00:00Z' } });

const recover = defineRoute({
  operationId: 'recoverDeliveries',
  tags: ['deliveries', 'subscriber'],
  description:
    'Every `failed` or `dead` delivery of this subscription created since `since` is queued again with the same `webhook-id` ' +
    '(receivers deduplicate on it), paced rather than as one burst; deliveries already replayed REPLAY_LIMIT (3) times this hour ' +
    'are skipped and counted. Use it after an outage of your receiver, once it is back. One recovery per subscription at a time: ' +
    `another while one is still sending answers 409. ${DELIVERY_HISTORY} Recovery reaches back as far as that history does.`,
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/recover',
  summary: 'Send again every failed delivery since a time',
  security,
  request: { params: IdParamSchema, body: { required: true, content: json(RecoverInputSchema) } },
  responses: {
    202: {
      description: 'Queued',
      content: json(
        z
          .object({
            recovered: z.number().openapi({ description: 'How many deliveries were queued again' }),
            skipped: z
              .number()
              .openapi({ description: 'Deliveries left out: replayed as often as allowed this hour' }),
            deliveryIds: z.array(z.string()),
          })
          .openapi('Recovered'),
      ),
    },
    409: {
      description: 'Another recovery of this subscription is still sending its deliveries',
      content: problemContent,
    },
    ...notFound,
  },
});

const TestEventInputSchema = z
  .strictObject({
    type: z.enum(CHANGE_EVENT_TYPES).optional().openapi({
      description:
        'The event to send; `subscription.test` when absent. A digest is previewed with `GET /v1/subscriptions/{id}/digest` instead.',
    }),
  })
  .openapi('TestEventInput', { example: { type: 'policy_change.published' } });

const test = defineRoute({
  operationId: 'sendTestEvent',
  tags: ['deliveries', 'subscriber'],
  description:
    "Sends a signed test event through the subscription's webhook, as a real alert would go (same signing, retries and delivery log): " +
    '`subscription.test` by default, or any event `type`, whose body is then shaped like that event about a stand-in change ' +
    '(source `material-alerts`, sourceRef `test-event`). The answer is the queued delivery; read it back to see its attempts.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/test',
  summary: 'Send a test event to the webhook',
  security,
  request: { params: IdParamSchema, body: { required: false, content: json(TestEventInputSchema) } },
  responses: {
    202: { description: 'Queued', content: json(DeliveryViewSchema) },
    ...notFound,
  },
});

const RotatedSchema = z
  .object({
    subscriptionId: z.string(),
    secret: z.string().openapi({ description: 'The new whsec_ secret, shown only here' }),
    previousSecretsExpireAt: z
      .string()
      .optional()
      .openapi({ description: 'Until then the previous secret signs too; absent when there was none' }),
  })
  .openapi('RotatedSecret');

const rotate = defineRoute({
  operationId: 'rotateWebhookSecret',
  tags: ['subscriber'],
  description:
    'A new `whsec_` secret signs from now on. The previous one keeps signing beside it (two `v1,` signatures in `webhook-signature`) ' +
    'until `previousSecretsExpireAt`, so receivers can switch without losing a message. The new secret is shown only here.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/rotate-secret',
  summary: 'Rotate the webhook signing secret',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Rotated', content: json(RotatedSchema) },
    ...notFound,
    ...conflict,
  },
});

const enable = defineRoute({
  operationId: 'enableWebhook',
  tags: ['subscriber'],
  description:
    'A webhook is disabled after it answers 410 Gone or fails without a single success for the configured time (5 days). ' +
    'This enables it again for new alerts; deliveries that failed meanwhile are sent again with `recover`.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/webhook/enable',
  summary: 'Enable a disabled webhook again',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Enabled', content: json(SubscriptionViewSchema) },
    ...notFound,
    ...conflict,
  },
});

const disable = defineRoute({
  operationId: 'disableWebhook',
  tags: ['subscriber'],
  description:
    'Stops sending to the webhook (reason `disabled by hand`); new alerts to it end `dead` and other channels carry on. ' +
    'Enable it with `webhook/enable`, then `recover` sends what it missed. Disabling a disabled webhook changes nothing.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/webhook/disable',
  summary: 'Disable the webhook by hand',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Disabled', content: json(SubscriptionViewSchema) },
    409: { description: 'Changed concurrently; try again', content: problemContent },
    422: { description: 'The subscription has no webhook', content: problemContent },
    ...subscriptionNotFound,
  },
});

const SmsConfirmInputSchema = z
  .strictObject({
    phoneNumber: E164Schema,
    code: z.string().regex(/^\d{6}$/, 'the six digits texted to the number'),
  })
  .openapi('SmsConfirmInput');

const SmsResendInputSchema = z.strictObject({ phoneNumber: E164Schema }).openapi('SmsResendInput');

const confirmSms = defineRoute({
  operationId: 'confirmSmsNumber',
  tags: ['subscriber'],
  description:
    'Confirms a phone number of this subscription with the six-digit code texted to it; only confirmed numbers receive alerts. ' +
    'Five wrong codes void the code (ask for a new one with `sms/resend`). The subscription owner only.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/sms/confirm',
  summary: 'Confirm an SMS number with its code',
  security,
  request: { params: IdParamSchema, body: { required: true, content: json(SmsConfirmInputSchema) } },
  responses: {
    200: {
      description: 'Confirmed: `smsStatus` shows the number as confirmed',
      content: json(SubscriptionViewSchema),
    },
    ...notFound,
    ...conflict,
  },
});

const resendSms = defineRoute({
  operationId: 'resendSmsCode',
  tags: ['subscriber'],
  description:
    'Texts a new confirmation code to a number of this subscription that is still pending; the previous code stops working. ' +
    'At most 3 codes per number and UTC day: more answers 429 with `Retry-After`. The subscription owner only.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/sms/resend',
  summary: 'Text a new SMS confirmation code',
  security,
  request: { params: IdParamSchema, body: { required: true, content: json(SmsResendInputSchema) } },
  responses: {
    202: {
      description: 'A new code is on its way; the previous one no longer works',
      content: json(SubscriptionViewSchema),
    },
    429: {
      description:
        'The number was sent as many codes today as allowed, or the API key is over its rate; `Retry-After` says when to try again',
      headers: {
        'Retry-After': {
          description: 'Seconds until the next code (or call) is allowed',
          schema: { type: 'integer' },
        },
      },
      content: problemContent,
    },
    ...notFound,
    ...conflict,
  },
});

export type SubscriptionActionRouteDeps = ReplayDeps &
  SmsConfirmationDeps &
  Pick<SubscriptionServiceDeps, 'secretRotationGraceMs'> &
  RequestAuditDeps;

/** What a subscriber can do to its own subscription besides editing it. */
export function subscriptionActionRoutes(deps: SubscriptionActionRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(recover, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const result = await recoverDeliveries(deps, subscription, new Date(c.req.valid('json').since));
    return c.json(result, 202);
  });

  app.openapi(test, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const { type } = c.req.valid('json');
    return c.json(publicDelivery(await sendTestEvent(deps, subscription, type)), 202);
  });

  app.openapi(rotate, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const rotated = await rotateWebhookSecret(
      deps,
      subscription,
      subscriptionAudit(context, 'subscription.secret-rotated'),
    );
    return c.json(
      {
        subscriptionId: rotated.subscriptionId,
        secret: rotated.secret,
        ...(rotated.previousSecretsExpireAt
          ? { previousSecretsExpireAt: rotated.previousSecretsExpireAt }
          : {}),
      },
      200,
    );
  });

  app.openapi(confirmSms, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const { phoneNumber, code } = c.req.valid('json');
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const audit = subscriptionAudit(context, 'subscription.updated');
    return c.json(await confirmSmsNumber(deps, subscription, phoneNumber, code, audit), 200);
  });

  app.openapi(resendSms, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    return c.json(await resendSmsCode(deps, subscription, c.req.valid('json').phoneNumber), 202);
  });

  // Switching the webhook on and off by hand: the owner only, each switch in the audit trail.
  for (const [route, action, turn] of [
    [enable, 'subscription.webhook-enabled', enableWebhook],
    [disable, 'subscription.webhook-disabled', disableWebhook],
  ] as const) {
    app.openapi(route, async (c) => {
      const subscription = await deps.subscriptions.getOwned(
        c.req.valid('param').id,
        requireSubscriber(c.get('principal')),
      );
      const context = auditContext(deps, c.get('principal'), c.get('requestId'));
      return c.json(await turn(deps, subscription, subscriptionAudit(context, action)), 200);
    });
  }

  return app;
}
