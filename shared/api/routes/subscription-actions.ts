import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { subscriptionAudit } from '../../audit/subscription-audit.js';
import { recoverDeliveries, sendTestEvent } from '../../delivery/replay.js';
import { publicDelivery } from '../../model/delivery.js';
import { E164Schema } from '../../model/subscription.js';
import { confirmSmsNumber, resendSmsCode } from '../../subscriptions/sms-confirmation.js';
import { enableWebhook, rotateWebhookSecret } from '../../subscriptions/subscription-service.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { auditContext } from '../audit-context.js';
import { allow, requireSubscriber } from '../auth.js';
import {
  commonErrors,
  DELIVERY_HISTORY,
  DeliveryViewSchema,
  IdParamSchema,
  json,
  problemContent,
  SubscriptionViewSchema,
  security,
} from '../schemas.js';

const notFound = {
  404: { description: 'No such subscription for this subscriber', content: problemContent },
};
const conflict = { 409: { description: 'Changed concurrently; try again', content: problemContent } };

const RecoverInputSchema = z
  .strictObject({ since: z.iso.datetime({ offset: true }) })
  .openapi('RecoverInput');

const recover = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/recover',
  summary:
    'Send again every failed or dead delivery created since a time, paced (not as one burst); deliveries replayed REPLAY_LIMIT times this hour are skipped',
  description: `${DELIVERY_HISTORY} Recovery reaches back as far as that history does.`,
  security,
  request: { params: IdParamSchema, body: { required: true, content: json(RecoverInputSchema) } },
  responses: {
    202: {
      description: 'Queued',
      content: json(
        z
          .object({
            recovered: z.number(),
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
    ...commonErrors,
  },
});

const test = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/test',
  summary: 'Send a signed subscription.test event to the webhook',
  security,
  request: { params: IdParamSchema },
  responses: {
    202: { description: 'Queued', content: json(DeliveryViewSchema) },
    ...notFound,
    ...commonErrors,
  },
});

const RotatedSchema = z
  .object({
    subscriptionId: z.string(),
    secret: z.string().openapi({ description: 'The new whsec_ secret, shown only here' }),
    previousSecretsExpireAt: z.string().optional(),
  })
  .openapi('RotatedSecret');

const rotate = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/rotate-secret',
  summary: 'New webhook secret; the old one keeps signing for the grace period (both signatures sent)',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Rotated', content: json(RotatedSchema) },
    ...notFound,
    ...conflict,
    ...commonErrors,
  },
});

const enable = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/webhook/enable',
  summary: 'Re-enable a disabled webhook (recover its failed deliveries separately)',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Enabled', content: json(SubscriptionViewSchema) },
    ...notFound,
    ...conflict,
    ...commonErrors,
  },
});

const SmsConfirmInputSchema = z
  .strictObject({
    phoneNumber: E164Schema,
    code: z.string().regex(/^\d{6}$/, 'the six digits texted to the number'),
  })
  .openapi('SmsConfirmInput');

const SmsResendInputSchema = z.strictObject({ phoneNumber: E164Schema }).openapi('SmsResendInput');

const confirmSms = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/sms/confirm',
  summary:
    'Confirm a phone number with the code texted to it; only confirmed numbers receive alerts (5 wrong codes void the code)',
  security,
  request: { params: IdParamSchema, body: { required: true, content: json(SmsConfirmInputSchema) } },
  responses: {
    200: {
      description: 'Confirmed: `smsStatus` shows the number as confirmed',
      content: json(SubscriptionViewSchema),
    },
    ...notFound,
    ...conflict,
    ...commonErrors,
  },
});

const resendSms = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/sms/resend',
  summary: 'Text a new confirmation code to a pending number (at most 3 codes per number and UTC day)',
  security,
  request: { params: IdParamSchema, body: { required: true, content: json(SmsResendInputSchema) } },
  responses: {
    202: {
      description: 'A new code is on its way; the previous one no longer works',
      content: json(SubscriptionViewSchema),
    },
    429: {
      description:
        'The number was sent as many codes today as allowed; `Retry-After` says when the next is allowed',
      content: problemContent,
    },
    ...notFound,
    ...conflict,
    ...commonErrors,
  },
});

/** What a subscriber can do to its own subscription besides editing it. */
export function subscriptionActionRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
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
    return c.json(publicDelivery(await sendTestEvent(deps, subscription)), 202);
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

  app.openapi(enable, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const audit = subscriptionAudit(context, 'subscription.webhook-enabled');
    return c.json(await enableWebhook(deps, subscription, audit), 200);
  });
}
