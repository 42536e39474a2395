import { handle } from 'hono/aws-lambda';
import { createApp } from '../../shared/api/app.js';
import { loadConfig } from '../../shared/config.js';
import { adminKeyHashSource, awsServices, powertoolsLog } from '../../shared/runtime/aws.js';

const config = loadConfig(process.env, { local: false });
const services = awsServices(config);

/** The HTTP API on API Gateway (HTTP API, payload 2.0). Matching starts from the table's stream. */
export const handler = handle(
  createApp({
    ...services,
    catalogue: services.catalogues.current,
    limits: config,
    adminKeyHash: adminKeyHashSource(config),
    webhookPolicy: config.webhookPolicy,
    secretRotationGraceMs: config.secretRotationGraceMs,
    log: powertoolsLog(),
  }),
);
