import { beforeAll, describe, expect, it } from 'vitest';
import { buildAlert } from '../../shared/matching/build-alert.js';
import { chatHostAllowed, DEFAULT_CHAT_WEBHOOK_HOSTS } from '../../shared/model/reach.js';
import { policyChangeFixture } from '../store/fixtures.js';
import {
  type ApiHarness,
  createHarness,
  expectProblem,
  newSubscriber,
  problemFields,
  storedSubscriptionOf,
  subscriptionBody,
} from './support.js';

const SLACK = 'https://hooks.slack.com/services/T000/B000/XXXXXXXX';
const TEAMS =
  'https://prod-42.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x';
const DAILY = { frequency: 'daily', hour: 8, timeZone: 'Europe/Berlin' };

let h: ApiHarness;
let owner: { id: string; key: string };

beforeAll(async () => {
  h = await createHarness();
  owner = await newSubscriber(h.http, 'Chat Channels GmbH');
});

describe('chat hosts', () => {
  it.each([
    ['hooks.slack.com', true],
    ['HOOKS.SLACK.COM.', true],
    ['acme.webhook.office.com', true],
    ['prod-42.westeurope.logic.azure.com', true],
    ['default1.environment.api.powerplatform.com', true],
    ['logic.azure.com', false],
    ['hooks.slack.com.evil.example', false],
    ['evilhooks.slack.com', false],
    ['webhook.office.com.evil.example', false],
  ])('%s allowed by default: %s', (host, allowed) => {
    expect(chatHostAllowed(host, DEFAULT_CHAT_WEBHOOK_HOSTS)).toBe(allowed);
  });
});

describe('Slack, Teams and digest fields on a subscription', () => {
  it('creates a subscription whose only channels are Slack and Teams, and shows them back', async () => {
    const body = subscriptionBody({ webhook: undefined, slack: { url: SLACK }, teams: { url: TEAMS } });
    const res = await h.http.post('/v1/subscriptions', body, owner.key);
    expect(res.status, res.text).toBe(201);
    expect(res.json.slack).toEqual({ url: SLACK });
    expect(res.json.teams.url).toContain('logic.azure.com');
    expect((await storedSubscriptionOf(h, res.json.id)).slack).toEqual({ url: SLACK });
  });

  it.each([
    ['slack', 'https://hooks.example.com/services/x'],
    ['teams', 'https://evil.example/workflows/x'],
    ['teams', 'https://webhook.office.com.evil.example/x'],
  ])(
    'refuses a %s URL on a host not on the list (%s) with a 422 naming the field, writing nothing',
    async (channel, url) => {
      const before = await h.itemCount();
      const res = await h.http.post('/v1/subscriptions', subscriptionBody({ [channel]: { url } }), owner.key);
      expectProblem(res, 422);
      expect(problemFields(res)).toEqual([`${channel}.url`]);
      expect(await h.itemCount()).toBe(before);
    },
  );

  it('refuses a host not on the list in a PATCH too, and removes a channel with null', async () => {
    const created = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ slack: { url: SLACK } }),
      owner.key,
    );
    const path = `/v1/subscriptions/${created.json.id}`;
    const refused = await h.http.patch(path, { slack: { url: 'https://slack.example.com/x' } }, owner.key);
    expectProblem(refused, 422);
    expect(problemFields(refused)).toEqual(['slack.url']);
    const removed = await h.http.patch(path, { slack: null, digest: DAILY }, owner.key);
    expect(removed.status, removed.text).toBe(200);
    expect(removed.json.slack).toBeUndefined();
    expect(removed.json.digest).toEqual(DAILY);
  });

  it.each([
    [{ frequency: 'weekly', hour: 8, timeZone: 'Europe/Berlin' }, 'digest.weekday'],
    [{ frequency: 'daily', hour: 8, weekday: 'monday', timeZone: 'Europe/Berlin' }, 'digest.weekday'],
    [{ frequency: 'daily', hour: 24, timeZone: 'Europe/Berlin' }, 'digest.hour'],
    [{ frequency: 'daily', hour: 8, timeZone: 'Mars/Olympus_Mons' }, 'digest.timeZone'],
    [{ frequency: 'hourly', hour: 8, timeZone: 'UTC' }, 'digest.frequency'],
  ])('refuses the digest %j with a 422 naming %s', async (digest, field) => {
    const res = await h.http.post('/v1/subscriptions', subscriptionBody({ digest }), owner.key);
    expectProblem(res, 422);
    expect(problemFields(res)).toEqual([field]);
  });

  it('refuses a digest on a subscription with neither webhook nor e-mail', async () => {
    const body = subscriptionBody({ webhook: undefined, slack: { url: SLACK }, digest: DAILY });
    const res = await h.http.post('/v1/subscriptions', body, owner.key);
    expectProblem(res, 422);
    expect(problemFields(res)).toEqual(['digest']);
  });

  it('queues a test message to the Slack channel, and refuses one to a channel the subscription lacks', async () => {
    const created = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ slack: { url: SLACK } }),
      owner.key,
    );
    h.queue.clear();
    const sent = await h.http.post(
      `/v1/subscriptions/${created.json.id}/chat-test`,
      { channel: 'slack' },
      owner.key,
    );
    expect(sent.status, sent.text).toBe(202);
    expect(sent.json.channel).toBe('slack');
    expect(h.queue.deliveryIds).toEqual([sent.json.id]);
    const payload = JSON.parse(h.queue.calls[0]?.messages[0]?.payload ?? '{}');
    expect(payload.type).toBe('subscription.test');

    const missing = await h.http.post(
      `/v1/subscriptions/${created.json.id}/chat-test`,
      { channel: 'teams' },
      owner.key,
    );
    expectProblem(missing, 422);
    expect(problemFields(missing)).toEqual(['channel']);
  });

  it("previews the next digest: when it goes in the subscriber's zone and the changes gathered so far", async () => {
    const created = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ webhook: undefined, email: ['lead@example.com'], digest: DAILY }),
      owner.key,
    );
    expect(created.status, created.text).toBe(201);
    const subscription = await storedSubscriptionOf(h, created.json.id);
    for (const revision of [1, 2]) {
      const alert = buildAlert({
        change: policyChangeFixture({
          id: 'pc_preview',
          revision,
          title: `Gallium licences, revision ${revision}`,
        }),
        subscriptionId: subscription.id,
        subscriberId: subscription.subscriberId,
        type: revision === 1 ? 'policy_change.published' : 'policy_change.updated',
        match: { materials: [] },
        now: new Date(Date.now() - 1000 + revision),
      });
      await h.table.deliveries.createAlert(alert, ['digest']);
    }
    const res = await h.http.get(`/v1/subscriptions/${subscription.id}/digest`, owner.key);
    expect(res.status, res.text).toBe(200);
    const next = new Date(res.json.nextAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(25 * 3_600_000);
    const berlinHour = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    expect(berlinHour.format(next)).toBe('08');
    expect(res.json.items).toEqual([
      {
        policyChangeId: 'pc_preview',
        title: 'Gallium licences, revision 2',
        events: [
          { type: 'policy_change.published', timestamp: expect.any(String) },
          { type: 'policy_change.updated', timestamp: expect.any(String) },
        ],
      },
    ]);
  });
});
