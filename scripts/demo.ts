import { Webhook } from 'standardwebhooks';
import { DynamoDbLocalError } from '../local/dynamodb-local.js';
import { startLocalRuntime } from '../local/local-runtime.js';
import { startReceiver } from '../local/webhook-receiver.js';
import { loadHistory, shippedHistory } from '../shared/ingest/shipped-history/shipped-history.js';

/**
 * `npm run demo`: a scripted tour on a fresh local service. A magnet buyer subscribes to rare
 * earths going to the US; the shipped history of China's 2023-2025 export controls is loaded, with
 * No. 70's one-year suspension of the October 2025 controls; the buyer's receiver gets signed
 * webhooks and verifies one; the tour ends with the regime in force for dysprosium from China to
 * the US today.
 */
/** The few response fields the tour reads. */
type DemoJson = { id: string; apiKey: string } & {
  webhook: { url: string; secret: string };
  items: unknown[];
  status: string;
  statusHistory: unknown[];
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

    say(
      "\n3. The administrator loads China's export controls of 2023-2025 (npm run history:load does the same)",
    );
    const history = shippedHistory();
    const loaded = await loadHistory({ url: runtime.url, apiKey: runtime.adminApiKey, changes: history });
    say(
      `   -> ${loaded.created} policy changes stored, with their relations (No. 70 suspends Nos. 55-58, 61, 62)`,
    );

    await runtime.settled();
    say(
      `\n4. The receiver got ${receiver.received.length} webhooks; the one about No. 70, verified with the standardwebhooks library:`,
    );
    const no70 = receiver.received.find((request) => request.body.includes('MOFCOM-GAC-2025-70'));
    if (!no70) throw new Error('no webhook about No. 70 arrived');
    const headers = {
      'webhook-id': String(no70.headers['webhook-id']),
      'webhook-timestamp': String(no70.headers['webhook-timestamp']),
      'webhook-signature': String(no70.headers['webhook-signature']),
    };
    show(headers);
    const payload = new Webhook(webhook.secret).verify(no70.body, headers) as {
      type: string;
      data: { match: unknown; policyChange: { title: string; expiresAt: string; status: string } };
    };
    say(
      `   VERIFIED ${payload.type}: "${payload.data.policyChange.title}" (expired ${payload.data.policyChange.expiresAt}; status ${payload.data.policyChange.status})`,
    );
    say('   why it matched:');
    show(payload.data.match);

    say('\n5. No. 57 (holmium, erbium, ...) was suspended by No. 70 for a year and is back in force:');
    const no57 = await call(
      'GET',
      `/v1/policy-changes/${loaded.ids['MOFCOM-GAC-2025-57']}`,
      subscriber.json.apiKey,
    );
    show({ status: no57.json.status, statusHistory: no57.json.statusHistory });

    say('\n6. Loading the same history again sends nothing new');
    const again = await loadHistory({ url: runtime.url, apiKey: runtime.adminApiKey, changes: history });
    const before = receiver.received.length;
    await runtime.settled();
    say(
      `   -> ${again.unchanged} already there; webhooks received since: ${receiver.received.length - before}`,
    );

    say('\n7. The regime in force today for dysprosium shipped from China to the United States:');
    const regime = await call(
      'GET',
      '/v1/regime?material=dysprosium&origin=CN&destination=US',
      subscriber.json.apiKey,
    );
    for (const item of regime.json.items as {
      status: string;
      since: string;
      policyChange: { sourceRef: string; title: string; conditions?: { type: string; effect: string }[] };
    }[]) {
      say(`   - ${item.policyChange.sourceRef}: ${item.policyChange.title}`);
      say(
        `     ${item.status} since ${item.since}${item.policyChange.conditions?.length ? `; conditions: ${item.policyChange.conditions.map((c) => `${c.effect} ${c.type}`).join(', ')}` : ''}`,
      );
    }
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
