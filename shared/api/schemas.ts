import { z } from '@hono/zod-openapi';
import { ChangeTypeSchema, PolicyChangeInputSchema, SeveritySchema } from '../model/policy-change.js';
import { FiltersSchema, SubscriptionStatusSchema } from '../model/subscription.js';

/** Response shapes, for the OpenAPI document; the request shapes live in shared/model. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), values: z.array(z.string()).optional() }))
      .optional(),
  })
  .openapi('Problem');

export const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** The error answers every authenticated route can give. */
export const commonErrors = {
  401: { description: 'Missing or unknown API key', content: problemContent },
  403: { description: 'The key may not do this', content: problemContent },
  422: { description: 'The body does not validate; `errors` names each field', content: problemContent },
} as const;

export const IdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'sub_0mabc123' }),
});

export const SubscriberCreatedSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), apiKey: z.string() })
  .openapi('SubscriberCreated');

export const ApiKeyCreatedSchema = z
  .object({ keyId: z.string(), scope: z.string(), subscriberId: z.string().optional(), apiKey: z.string() })
  .openapi('ApiKeyCreated');

export const SubscriptionViewSchema = z
  .object({
    id: z.string(),
    subscriberId: z.string(),
    name: z.string(),
    filters: FiltersSchema,
    webhook: z
      .object({
        url: z.string(),
        status: z.enum(['enabled', 'disabled']),
        disabledReason: z.string().optional(),
        lastSuccessAt: z.string().optional(),
        failingSince: z.string().optional(),
        secret: z
          .string()
          .optional()
          .openapi({ description: 'Only in the response that created the secret' }),
      })
      .optional(),
    sms: z.array(z.string()).optional(),
    email: z.array(z.string()).optional(),
    status: SubscriptionStatusSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('Subscription');

export const PolicyChangeViewSchema = PolicyChangeInputSchema.extend({
  id: z.string(),
  revision: z.number(),
  ingestedAt: z.string(),
  matching: z.object({
    status: z.enum(['pending', 'completed']),
    matchedSubscriptions: z.number(),
    completedAt: z.string().optional(),
  }),
}).openapi('PolicyChange');

export const DeliveryViewSchema = z
  .object({
    id: z.string(),
    alertId: z.string(),
    webhookId: z.string(),
    policyChangeId: z.string(),
    revision: z.number(),
    type: z.string(),
    channel: z.enum(['webhook', 'sms', 'email']),
    status: z.enum(['pending', 'delivered', 'failed', 'dead']),
    attempts: z.array(
      z.object({
        at: z.string(),
        statusCode: z.number().optional(),
        durationMs: z.number(),
        error: z.string().optional(),
        excerpt: z.string().optional(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    nextAttemptAt: z.string().optional(),
    deadReason: z.string().optional(),
  })
  .openapi('Delivery');

export const MaterialViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    parent: z.string().optional(),
    kind: z.string(),
    symbol: z.string().optional(),
    hsCodes: z.array(z.string()),
    synonyms: z.array(z.string()),
    ancestors: z.array(z.string()),
  })
  .openapi('Material');

export const RegionsViewSchema = z
  .object({
    countries: z.array(z.object({ code: z.string(), name: z.string() })),
    groups: z.array(z.object({ id: z.string(), name: z.string(), members: z.array(z.string()) })),
    wildcard: z.literal('*'),
  })
  .openapi('Regions');

export { ChangeTypeSchema, SeveritySchema };
