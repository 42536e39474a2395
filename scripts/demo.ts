import { Webhook } from 'standardwebhooks';
import { DynamoDbLocalError } from '../shared/local/dynamodb-local.js';
import { startLocalRuntime } from '../shared/local/local-runtime.js';
import { startReceiver } from '../shared/local/webhook-receiver.js';
import { chinaRareEarthSuspension2025 } from '../test/fixtures/policy-changes.js';

/**
 * `npm run demo`: a scripted tour on a fresh local service. A magnet buyer subscribes to rare
 * earths going to the US; China suspends its October 2025 rare-earth controls for a year on a
 * verified-end-user condition; the buyer's receiver gets a signed webhook and verifies it.
 */
/** The few response fields the tour reads. */
type DemoJson = { id: string; apiKey: string } & {
  webhook: { url: string; secret: string };
  items: unknown[];
};

const say = (text: string) => process.stdout.write(`${text}\n`);
const show = (value: unknown) => say(`  ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}`);

async function main(): Promise<void> {
  say('Starting Material Alerts locally (DynamoDB Local in memory)…');
  const runtime = await startLocalRuntime({
    env: { ...process.env, PORT: process.env.PORT ?? '0', WEBHOOK_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'warn' },
  });
  const receiver = await startReceiver();
  try {
    const call = async (method: string, path: string, key: string, body?: unknown) => {
      const response = await fetch(`${runtime.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as DemoJson };
    };

    say(`\n1. The administrator creates a subscriber (POST ${runtime.url}/v1/subscribers)`);
    const subscriber = await call('POST', '/v1/subscribers', runtime.adminApiKey, {
      name: 'Magnetwerk GmbH',
    });
    say(`   -> ${subscriber.status}, subscriber ${subscriber.json.id}; its API key is shown once`);

    say('\n2. The subscriber subscribes to rare earths affecting the US, with a webhook');
    const subscription = await call('POST', '/v1/subscriptions', subscriber.json.apiKey, {
      name: 'Rare earths into the US',
      filters: { materials: ['rare-earths'], affectedRegions: ['US'], minSeverity: 'medium' },
      webhook: { url: `${receiver.url}/webhooks/material-alerts` },
    });
    const webhook = subscription.json.webhook;
    say(`   -> ${subscription.status}, subscription ${subscription.json.id}, webhook ${webhook.url}`);
    say(`      signing secret (shown once): ${webhook.secret}`);

    say("\n3. An ingest feed posts China's one-year suspension of its rare-earth export controls");
    show({
      title: chinaRareEarthSuspension2025.title,
      materials: chinaRareEarthSuspension2025.materials,
      changeType: chinaRareEarthSuspension2025.changeType,
      conditions: chinaRareEarthSuspension2025.conditions,
      expiresAt: chinaRareEarthSuspension2025.expiresAt,
    });
    const posted = await call(
      'POST',
      '/v1/policy-changes',
      runtime.adminApiKey,
      chinaRareEarthSuspension2025,
    );
    say(`   -> ${posted.status}, policy change ${posted.json.id}`);

    await runtime.settled();
    const [received] = receiver.received;
    if (!received) throw new Error('no webhook arrived');

    say('\n4. The receiver got a webhook and verifies it with the standardwebhooks library');
    const headers = {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    };
    show(headers);
    const payload = new Webhook(webhook.secret).verify(received.body, headers) as {
      type: string;
      data: { match: unknown; policyChange: { title: string; expiresAt: string } };
    };
    say(
      `   VERIFIED ${payload.type}: "${payload.data.policyChange.title}" (expires ${payload.data.policyChange.expiresAt})`,
    );
    say('   why it matched:');
    show(payload.data.match);

    say('\n5. Posting the same change again sends nothing new');
    const again = await call('POST', '/v1/policy-changes', runtime.adminApiKey, chinaRareEarthSuspension2025);
    await runtime.settled();
    say(
      `   -> ${again.status}, same id ${again.json.id}; webhooks received in all: ${receiver.received.length}`,
    );

    const deliveries = await call(
      'GET',
      `/v1/subscriptions/${subscription.json.id}/deliveries`,
      subscriber.json.apiKey,
    );
    say('\n6. The delivery record, with every attempt');
    show(deliveries.json.items);
  } finally {
    await receiver.close();
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DynamoDbLocalError) process.stderr.write(`\nCannot run the demo: ${error.message}\n`);
  else process.stderr.write(`\nThe demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
