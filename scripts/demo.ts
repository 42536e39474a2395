import { Webhook } from 'standardwebhooks';
import { DynamoDbLocalError } from '../local/dynamodb-local.js';
import { startLocalRuntime } from '../local/local-runtime.js';
import { startReceiver } from '../local/webhook-receiver.js';
import { loadHistory, shippedHistory } from '../shared/ingest/shipped-history/shipped-history.js';

/**
 * `npm run demo`: a scripted tour on a fresh local service. A magnet buyer subscribes to rare
 * earths going to the US, beside a US EV maker that China has verified as a civilian end user and
 * a US defence prime, both with a profile; the shipped history is loaded (China's 2023-2025 export
 * controls with No. 70's one-year suspension of the October 2025 controls and the general licences
 * of December 2025, then the other issuers' rules); the buyer's receiver gets signed webhooks and
 * verifies one; each subscriber is told whether No. 70 and the general licences apply to it, and
 * why; the tour ends with the regime in force for dysprosium from China to the US today.
 */
/** The few response fields the tour reads. */
type DemoJson = { id: string; apiKey: string } & {
  webhook: { url: string; secret: string };
  items: unknown[];
  status: string;
  statusHistory: unknown[];
};

/** The part of a webhook body the verdicts are read from. */
interface DemoAlert {
  type: string;
  data: {
    policyChange: { sourceRef: string; title: string };
    applicability?: {
      verdict: string;
      reasons?: { condition?: { type?: string }; text?: string }[];
      requires?: { type?: string }[];
    };
  };
}

/** A condition as the regime shows it: `end-use restricts civilian`. */
function describeCondition(condition: unknown): string {
  if (typeof condition === 'string') return condition;
  const { type, effect, values, percent } = condition as {
    type?: string;
    effect?: string;
    values?: string[];
    percent?: number;
  };
  return [type, effect, values?.join('/'), percent === undefined ? undefined : `${percent} %`]
    .filter((part) => part !== undefined)
    .join(' ');
}

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

    say('\n3. Two more subscribers say who they are (a profile on the subscription):');
    const profiled = [
      {
        name: 'Voltara Motors Inc.',
        path: '/webhooks/voltara',
        who: 'a US EV maker, verified by China as a civilian end user',
        subscription: {
          name: 'Magnets and heavy rare earths into the US',
          filters: { materials: ['rare-earth-magnets', 'dysprosium', 'terbium'], affectedRegions: ['US'] },
          profile: { endUses: ['civilian'], verifiedEndUser: ['CN'] },
        },
      },
      {
        name: 'Ironclad Defense Systems Corp.',
        path: '/webhooks/ironclad',
        who: 'a US defence prime',
        subscription: {
          name: 'Everything into the US, high and above',
          filters: { materials: ['*'], affectedRegions: ['US'], minSeverity: 'high' },
          profile: { endUses: ['military'] },
        },
      },
    ];
    for (const company of profiled) {
      const created = await call('POST', '/v1/subscribers', runtime.adminApiKey, { name: company.name });
      const subscribed = await call('POST', '/v1/subscriptions', created.json.apiKey, {
        ...company.subscription,
        webhook: { url: `${receiver.url}${company.path}` },
      });
      if (subscribed.status !== 201) {
        throw new Error(`${company.name}'s subscription was refused with ${subscribed.status}`);
      }
      say(
        `   -> ${subscribed.status}: ${company.name}, ${company.who}: ${JSON.stringify(company.subscription.profile)}`,
      );
    }

    say(
      "\n4. The administrator loads the shipped history: China's export controls of 2023-2025, then the other issuers' (npm run history:load does the same)",
    );
    const history = shippedHistory();
    const loaded = await loadHistory({ url: runtime.url, apiKey: runtime.adminApiKey, changes: history });
    say(
      `   -> ${loaded.created} revisions stored, with their relations (No. 70 suspends Nos. 55-58, 61, 62; the DRC's quotas supersede its cobalt ban)`,
    );

    await runtime.settled();
    say(
      `\n5. The receiver got ${receiver.received.length} webhooks; the one about No. 70, verified with the standardwebhooks library:`,
    );
    const no70 = receiver.received.find(
      (request) =>
        request.path === '/webhooks/material-alerts' && request.body.includes('"sourceRef":"MOFCOM-2025-70"'),
    );
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

    say('\n6. Does it apply to me? The verdict on each alert about No. 70 and the general licences:');
    const subscribers = [
      { name: 'Magnetwerk GmbH (no profile)', path: '/webhooks/material-alerts' },
      ...profiled.map((company) => ({ name: company.name, path: company.path })),
    ];
    for (const sourceRef of ['MOFCOM-2025-70', 'MOFCOM-2025-GENERAL-LICENCES']) {
      for (const subscriber of subscribers) {
        const request = receiver.received.find(
          (r) => r.path === subscriber.path && r.body.includes(`"sourceRef":"${sourceRef}"`),
        );
        if (!request) {
          say(`   - ${sourceRef} -> ${subscriber.name}: no alert`);
          continue;
        }
        const alert = JSON.parse(request.body) as DemoAlert;
        const applicability = alert.data.applicability;
        const requires = (applicability?.requires ?? []).map((c) => c.type).join(', ');
        say(
          `   - ${sourceRef} -> ${subscriber.name}: ${applicability?.verdict ?? 'no verdict'}${requires ? ` (requires ${requires})` : ''}`,
        );
        for (const reason of applicability?.reasons ?? []) {
          say(`       because ${reason.condition?.type ?? 'the change'}: ${reason.text ?? ''}`);
        }
      }
    }

    say('\n7. No. 57 (holmium, erbium, ...) was suspended by No. 70 for a year and is back in force:');
    const no57 = await call(
      'GET',
      `/v1/policy-changes/${loaded.ids['MOFCOM-2025-57']}`,
      subscriber.json.apiKey,
    );
    show({ status: no57.json.status, statusHistory: no57.json.statusHistory });

    say('\n8. Loading the same history again sends nothing new');
    const again = await loadHistory({ url: runtime.url, apiKey: runtime.adminApiKey, changes: history });
    const before = receiver.received.length;
    await runtime.settled();
    say(
      `   -> ${again.unchanged} already there; webhooks received since: ${receiver.received.length - before}`,
    );

    say('\n9. The regime in force today for dysprosium shipped from China to the United States:');
    const regime = await call(
      'GET',
      '/v1/regime?material=dysprosium&origin=CN&destination=US',
      subscriber.json.apiKey,
    );
    for (const item of regime.json.items as {
      status: string;
      since: string;
      policyChange: { sourceRef: string; title: string; conditions?: unknown[] };
    }[]) {
      say(`   - ${item.policyChange.sourceRef}: ${item.policyChange.title}`);
      say(
        `     ${item.status} since ${item.since}${item.policyChange.conditions?.length ? `; conditions: ${item.policyChange.conditions.map(describeCondition).join('; ')}` : ''}`,
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
