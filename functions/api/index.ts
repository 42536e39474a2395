import { handle } from 'hono/aws-lambda';
import { createApp } from '../../shared/api/app.js';
import { defaultCatalogue } from '../../shared/catalogue/catalogue.js';
import { loadConfig } from '../../shared/config.js';
import { adminKeyHashSource, awsServices, powertoolsLog } from '../../shared/runtime/aws.js';

const config = loadConfig(process.env, { local: false });
const services = awsServices(config);

/** The HTTP API on API Gateway (HTTP API, payload 2.0). Matching starts from the table's stream. */
export const handler = handle(
  createApp({
    ...services,
    catalogue: defaultCatalogue,
    adminKeyHash: adminKeyHashSource(config),
    webhookPolicy: config.webhookPolicy,
    log: powertoolsLog(),
  }),
);
