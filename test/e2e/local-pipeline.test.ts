import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaGalliumGermanium2023, chinaRareEarthSuspension2025 } from '../fixtures/policy-changes.js';
import { eventually, type LocalService, startLocalService, startReceiver } from '../support/local-service.js';
import { serviceClient } from '../support/service-client.js';

const ADMIN = 'e2e-admin-key-0123456789';

describe('npm start: ingest, match and deliver a verified webhook', () => {
  let service: LocalService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    service = await startLocalService({ ADMIN_API_KEY: ADMIN, WEBHOOK_ALLOW_PRIVATE: 'true' });
  });

  afterAll(async () => {
    await service?.stop();
    await receiver?.close();
  });

  const call = serviceClient(() => service.url);

  it('delivers the suspension once to the matching subscription and never to the other', async () => {
    const subscriber = await call('POST', '/v1/subscribers', ADMIN, { name: 'Magnet buyer' });
    expect(subscriber.status).toBe(201);
    const key: string = subscriber.json.apiKey;

    const matching = await call('POST', '/v1/subscriptions', key, {
      name: 'Rare earths into the US',
      filters: { materials: ['rare-earths'], affectedRegions: ['US'] },
      webhook: { url: `${receiver.url}/rare-earths` },
    });
    const other = await call('POST', '/v1/subscriptions', key, {
      name: 'Gallium only',
      filters: { materials: ['gallium'] },
      webhook: { url: `${receiver.url}/gallium` },
    });
    expect([matching.status, other.status]).toEqual([201, 201]);
    const secret: string = matching.json.webhook.secret;

    const posted = await call('POST', '/v1/policy-changes', ADMIN, chinaRareEarthSuspension2025);
    expect(posted.status).toBe(202);

    const delivered = await eventually('the delivery to be recorded', async () => {
      const page = await call('GET', `/v1/subscriptions/${matching.json.id}/deliveries`, key);
      const item = page.json.items[0];
      return item?.status === 'delivered' ? item : undefined;
    });
    expect(delivered.attempts).toHaveLength(1);
    expect(delivered.attempts[0].statusCode).toBe(200);

    expect(receiver.received).toHaveLength(1);
    const [webhook] = receiver.received;
    if (!webhook) throw new Error('no webhook received');
    expect(webhook.path).toBe('/rare-earths');
    const verified = new Webhook(secret).verify(webhook.body, {
      'webhook-id': String(webhook.headers['webhook-id']),
      'webhook-timestamp': String(webhook.headers['webhook-timestamp']),
      'webhook-signature': String(webhook.headers['webhook-signature']),
    }) as {
      type: string;
      data: { subscriptionId: string; policyChange: { sourceRef: string; conditions: unknown[] } };
    };
    expect(verified.type).toBe('policy_change.published');
    expect(verified.data.subscriptionId).toBe(matching.json.id);
    expect(verified.data.policyChange.sourceRef).toBe('MOFCOM-2025-70');
    expect(verified.data.policyChange.conditions).toContainEqual({
      type: 'verified-end-user',
      effect: 'requires',
    });
    expect(webhook.headers['webhook-id']).toBe(delivered.webhookId);

    // The same change again: the same id, and nothing is sent twice.
    const again = await call('POST', '/v1/policy-changes', ADMIN, chinaRareEarthSuspension2025);
    expect(again).toMatchObject({ status: 200, json: { id: posted.json.id } });

    // A change the first subscription does not want reaches only the other one; waiting for it
    // also gives any stray duplicate of the first change time to arrive.
    await call('POST', '/v1/policy-changes', ADMIN, chinaGalliumGermanium2023);
    await eventually('the gallium webhook', async () =>
      receiver.received.some((r) => r.path === '/gallium') ? true : undefined,
    );
    const change = await call('GET', `/v1/policy-changes/${posted.json.id}`, ADMIN);
    expect(change.json.matching).toMatchObject({ status: 'completed', matchedSubscriptions: 1 });

    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/gallium', '/rare-earths']);
  });
});

describe('npm start without Java', () => {
  it('stops with a message saying what to install', async () => {
    const failure = startLocalService({ PATH: '/nonexistent' }, 20_000);
    await expect(failure).rejects.toThrow(/exited with 1[\s\S]*needs Java 17 or later[\s\S]*Install a JDK/);
  });
});
