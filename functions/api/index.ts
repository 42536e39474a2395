import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { useCursorSecret } from '../../shared/store/paging.js';
import { createApiApp } from '../../shared/wiring/api-app.js';
import { adminKeyHashSource, awsServices, lambdaHandler, powertoolsLog } from '../../shared/wiring/aws.js';
import { loadConfig } from '../../shared/wiring/config.js';

const config = loadConfig(process.env, { local: false });
const services = awsServices(config);
const adminKeyHash = adminKeyHashSource(config);
// Every container must seal page cursors alike: the key is derived from the deployment's bootstrap
// admin key (read once, at cold start), never from something a caller could know.
const deploymentSecret = await adminKeyHash();
if (deploymentSecret) useCursorSecret(deploymentSecret);

const app = handle(createApiApp(services, config, { adminKeyHash, log: powertoolsLog() }));

/** The HTTP API on API Gateway (HTTP API, payload 2.0). Matching starts from the table's stream. */
export const handler = lambdaHandler(services.metrics, (event: APIGatewayProxyEventV2, context: Context) =>
  // Hono's own event type differs from aws-lambda's only in optional request-context fields.
  app(event as unknown as Parameters<typeof app>[0], context),
);
