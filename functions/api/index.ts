import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { createApp } from '../../shared/api/app.js';
import { loadConfig } from '../../shared/config.js';
import { adminKeyHashSource, awsServices, lambdaHandler, powertoolsLog } from '../../shared/runtime/aws.js';

const config = loadConfig(process.env, { local: false });
const services = awsServices(config);

const app = handle(
  createApp({
    ...services,
    catalogue: services.catalogues.current,
    limits: config,
    adminKeyHash: adminKeyHashSource(config),
    webhookPolicy: config.webhookPolicy,
    secretRotationGraceMs: config.secretRotationGraceMs,
    log: powertoolsLog(),
    ...(config.localStats ? { statsSections: { metrics: () => services.stats.read() } } : {}),
  }),
);

/** The HTTP API on API Gateway (HTTP API, payload 2.0). Matching starts from the table's stream. */
export const handler = lambdaHandler(services.metrics, (event: APIGatewayProxyEventV2, context: Context) =>
  // Hono's own event type differs from aws-lambda's only in optional request-context fields.
  app(event as unknown as Parameters<typeof app>[0], context),
);
