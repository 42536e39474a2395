import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../local/distributed/moto.js';
import { chinaRareEarthSuspension2025 } from '../fixtures/policy-changes.js';
import { ADMIN, apiClient, galliumChange, inParallel } from '../reliability/support.js';
import { eventually, type LocalService, startLocalService } from '../support/local-service.js';

const SUBSCRIPTIONS = Number(process.env.FAN_OUT_SUBSCRIPTIONS ?? 300);

/** `npm run start:distributed` as its own process: API, matcher, two dispatchers and scheduler, each a process. */
function startDistributed(env: Record<string, string> = {}): Promise<LocalService> {
  return startLocalService(
    {
      ADMIN_API_KEY: ADMIN,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      RATE_LIMIT: 'off',
      MAX_SUBSCRIPTIONS_PER_SUBSCRIBER: '1000',
      // Generous for a loaded CI machine: a slow attempt is retried, and the test is about losses.
      WEBHOOK_TIMEOUT: '5s',
      RETRY_SCHEDULE: '1s,2s,4s,8s,16s,30s',
      QUEUE_VISIBILITY_TIMEOUT: '5',
      // The sweep re-enqueues what has waited longer than the grace: longer than this run's backlog.
      SCHEDULER_INTERVAL: '5s',
      RECOVERY_GRACE: '5m',
      LOG_LEVEL: process.env.DISTRIBUTED_LOG_LEVEL ?? 'warn',
      ...env,
    },
    120_000,
    'scripts/start-distributed.ts',
  );
}

/** The pid the banner gives for a function process (dispatcher-1, matcher, …). */
function pidOf(service: LocalService, name: string): number {
  const match = new RegExp(`${name} \\(pid (\\d+)\\)`).exec(service.output());
  if (!match?.[1]) throw new Error(`no pid for ${name} in:\n${service.output()}`);
  return Number(match[1]);
}

describe('npm run start:distributed: every function in its own process, fed as on AWS', () => {
  let service: LocalService;
  let server: Server;
  let url: string;
  const receipts = new Map<string, number>();
  const bodies: { path: string; headers: Record<string, string>; body: string }[] = [];

  beforeAll(async () => {
    // A receiver slow enough that a 300-way fan-out is still under way when processes are killed.
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () =>
        setTimeout(() => {
          const id = String(req.headers['webhook-id']);
          receipts.set(id, (receipts.get(id) ?? 0) + 1);
          bodies.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body });
          res.writeHead(200).end();
        }, 100),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    service = await startDistributed();
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('ingests through API Gateway events, matches from the stream, delivers a verified webhook from SQS', async () => {
    const call = apiClient(service.url);
    const subscriber = await call('POST', '/v1/subscribers', ADMIN, { name: 'Magnet buyer' });
    expect(subscriber.status).toBe(201);
    const key: string = subscriber.json.apiKey;
    const subscription = await call('POST', '/v1/subscriptions', key, {
      name: 'Rare earths into the US',
      filters: { materials: ['rare-earths'], affectedRegions: ['US'] },
      // Webhook only: an SMS channel delivers only to a number that confirmed a code texted to it,
      // which the SMS suites cover (test/abuse/sms.test.ts, the notifier against moto).
      webhook: { url: `${url}/rare-earths` },
    });
    expect(subscription.status).toBe(201);

    const posted = await call('POST', '/v1/policy-changes', ADMIN, chinaRareEarthSuspension2025);
    expect(posted.status).toBe(202);

    const deliveries = await eventually(
      'the webhook delivered',
      async () => {
        const page = await call('GET', `/v1/subscriptions/${subscription.json.id}/deliveries`, key);
        const items: { channel: string; status: string; webhookId: string }[] = page.json.items;
        return items.length === 1 && items.every((d) => d.status === 'delivered') ? items : undefined;
      },
      60_000,
    );
    const webhook = bodies.find((b) => b.path === '/rare-earths');
    if (!webhook) throw new Error('no webhook received');
    const verified = new Webhook(subscription.json.webhook.secret).verify(webhook.body, {
      'webhook-id': webhook.headers['webhook-id'] ?? '',
      'webhook-timestamp': webhook.headers['webhook-timestamp'] ?? '',
      'webhook-signature': webhook.headers['webhook-signature'] ?? '',
    }) as { type: string; data: { subscriptionId: string } };
    expect(verified).toMatchObject({
      type: 'policy_change.published',
      data: { subscriptionId: subscription.json.id },
    });
    expect(deliveries.map((d) => d.channel)).toEqual(['webhook']);

    // The metrics the functions emitted, counted by the stats route (served by the API process).
    const stats = await eventually(
      'the stats to count the delivery',
      async () => {
        const response = await call('GET', '/v1/admin/stats', ADMIN);
        return response.json.metrics?.DeliveriesDelivered?.total >= 1 ? response.json.metrics : undefined;
      },
      20_000,
    );
    expect(stats.AlertsCreated.total).toBe(1);
    expect(stats.DeliveriesDelivered.byChannel).toEqual({ webhook: 1 });
    expect(stats.MatcherMatches.total).toBe(1);
    expect(stats.AttemptLatency.count).toBe(1);
  }, 120_000);

  it('kill -9 of a dispatcher and of the matcher in a 300-subscription fan-out loses no alert', async () => {
    const call = apiClient(service.url);
    const key: string = (await call('POST', '/v1/subscribers', ADMIN, { name: 'Fan-out' })).json.apiKey;
    const subscriptionIds: string[] = await inParallel(
      Array.from({ length: SUBSCRIPTIONS }, (_, i) => i),
      8,
      async (i) =>
        (
          await call('POST', '/v1/subscriptions', key, {
            name: `subscription ${i}`,
            filters: { materials: ['gallium'] },
            webhook: { url: `${url}/fan-out` },
          })
        ).json.id,
    );
    expect(subscriptionIds.every((id) => typeof id === 'string')).toBe(true);
    const before = receipts.size;
    const dispatcherPid = pidOf(service, 'dispatcher-1');
    const matcherPid = pidOf(service, 'matcher');

    // The delivery queue on moto, watched so the matcher dies while it is still writing alerts.
    const motoEndpoint = /moto_server on (http:\/\/127\.0\.0\.1:\d+)/.exec(service.output())?.[1];
    const sqs = new SQSClient({ ...LOCAL_AWS, endpoint: motoEndpoint });
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'material-alerts-delivery' }));
    const queued = async () => {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    };
    const queuedBefore = await queued();

    const posted = await call('POST', '/v1/policy-changes', ADMIN, galliumChange());
    expect(posted.status).toBe(202);
    // The matcher sends deliveries in tens as it writes the alerts: the first ten mean it is mid-way.
    await eventually(
      'the first deliveries queued',
      async () => ((await queued()) > queuedBefore ? true : undefined),
      60_000,
    );
    process.kill(matcherPid, 'SIGKILL');
    await eventually('the first deliveries', async () => (receipts.size > before ? true : undefined), 60_000);
    process.kill(dispatcherPid, 'SIGKILL');
    const deliveredAtKill = receipts.size - before;
    expect(deliveredAtKill).toBeLessThan(SUBSCRIPTIONS);
    sqs.destroy();

    await eventually(
      'every alert to arrive',
      async () => (receipts.size - before >= SUBSCRIPTIONS ? true : undefined),
      240_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}: ${receipts.size - before} of ${SUBSCRIPTIONS}\n${service.output().slice(-6000)}`,
      );
    });
    const statuses = await eventually(
      'every delivery recorded delivered',
      async () => {
        const all = await inParallel(subscriptionIds, 8, async (id) => {
          const page = await call('GET', `/v1/subscriptions/${id}/deliveries`, key);
          expect(page.json.items).toHaveLength(1);
          return page.json.items[0] as { status: string; webhookId: string };
        });
        return all.every((d) => d.status === 'delivered') ? all : undefined;
      },
      60_000,
    );
    // One alert per subscription, each received under its own id (at least once).
    expect(new Set(statuses.map((d) => d.webhookId)).size).toBe(SUBSCRIPTIONS);
    for (const delivery of statuses) expect(receipts.get(delivery.webhookId)).toBeGreaterThanOrEqual(1);
    const change = await call('GET', `/v1/policy-changes/${posted.json.id}`, ADMIN);
    expect(change.json.matching).toMatchObject({ status: 'completed', matchedSubscriptions: SUBSCRIPTIONS });
    // The matcher died inside its invocation, and the stream mapping ran the batch again.
    expect(service.output()).toContain('matcher batch failed; retrying from the first failed record');
    // Both killed processes were replaced, as Lambda starts new environments.
    expect(service.output()).toContain(`"pid":${matcherPid}`);
    expect(service.output()).toContain(`"pid":${dispatcherPid}`);
  }, 420_000);
});
