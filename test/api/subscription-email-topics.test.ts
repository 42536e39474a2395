import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecordingNotifier } from '../support/recording.js';
import {
  type ApiHarness,
  createdSubscription,
  createHarness,
  expectProblem,
  newSubscriber,
  storedSubscriptionOf,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
let owner: { id: string; key: string };

beforeAll(async () => {
  h = await createHarness();
  owner = await newSubscriber(h.http, 'Topic Tests GmbH');
});

beforeEach(() => {
  h.queue.clear();
});

const createSubscription = (body: Record<string, unknown> = subscriptionBody(), key = owner.key) =>
  createdSubscription(h, body, key);
const storedSubscription = (id: string) => storedSubscriptionOf(h, id);

describe('e-mail topics follow the subscription', () => {
  it('create with e-mail makes the topic for the lower-cased addresses and shows its ARN nowhere', async () => {
    const created = await createSubscription(
      subscriptionBody({ email: ['Compliance@Example.COM', 'buyer@example.org'] }),
    );
    const topicArn = RecordingNotifier.topicArn(created.id);

    expect(h.notifier.topicsEnsured.filter((t) => t.subscriptionId === created.id)).toEqual([
      { subscriptionId: created.id, addresses: ['compliance@example.com', 'buyer@example.org'], topicArn },
    ]);
    expect((await storedSubscription(created.id)).emailTopicArn).toBe(topicArn);
    const responses = [
      await h.http.get(`/v1/subscriptions/${created.id}`, owner.key),
      await h.http.get('/v1/subscriptions', owner.key),
      await h.http.patch(`/v1/subscriptions/${created.id}`, { name: 'Renamed' }, owner.key),
      await h.http.post(`/v1/subscriptions/${created.id}/webhook/enable`, undefined, owner.key),
    ];
    for (const res of responses) {
      expect(res.status, res.text).toBeLessThan(300);
      expect(res.text).not.toContain('arn:aws:sns');
      expect(res.text).not.toContain('emailTopicArn');
    }
    // A rename does not touch the topic.
    expect(h.notifier.topicsEnsured.filter((t) => t.subscriptionId === created.id)).toHaveLength(1);
  });

  it('a subscription without e-mail gets no topic', async () => {
    const created = await createSubscription();
    expect(h.notifier.topicsEnsured.map((t) => t.subscriptionId)).not.toContain(created.id);
    expect(await storedSubscription(created.id)).not.toHaveProperty('emailTopicArn');
  });

  it('changing the addresses brings the topic in line; removing e-mail deletes it', async () => {
    const created = await createSubscription(subscriptionBody({ email: ['a@example.com'] }));
    const topicArn = RecordingNotifier.topicArn(created.id);

    const changed = await h.http.patch(
      `/v1/subscriptions/${created.id}`,
      { email: ['b@example.com'] },
      owner.key,
    );
    expect(changed.status, changed.text).toBe(200);
    expect(h.notifier.topicsEnsured.filter((t) => t.subscriptionId === created.id).at(-1)?.addresses).toEqual(
      ['b@example.com'],
    );
    expect(h.notifier.topicsDeleted).not.toContain(topicArn);

    const removed = await h.http.patch(`/v1/subscriptions/${created.id}`, { email: null }, owner.key);
    expect(removed.status, removed.text).toBe(200);
    expect(h.notifier.topicsDeleted).toContain(topicArn);
    expect(await storedSubscription(created.id)).not.toHaveProperty('emailTopicArn');
  });

  it('delete removes the topic', async () => {
    const created = await createSubscription(subscriptionBody({ email: ['a@example.com'] }));
    const topicArn = RecordingNotifier.topicArn(created.id);

    const res = await h.http.delete(`/v1/subscriptions/${created.id}`, owner.key);

    expect(res.status, res.text).toBe(204);
    expect(h.notifier.topicsDeleted).toContain(topicArn);
  });

  it('a failing store write on create deletes the topic just made and stores nothing', async () => {
    const stack = h.table.client.middlewareStack;
    let armed = true;
    let injected = 0;
    stack.add(
      (next, context) => async (args) => {
        if (armed && context.commandName === 'TransactWriteItemsCommand') {
          armed = false;
          injected += 1;
          throw Object.assign(new Error('injected: the table is unavailable'), {
            name: 'InternalServerError',
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failTransactWriteOnce' },
    );
    try {
      const listed = (await h.http.get('/v1/subscriptions', owner.key)).json.items.length;
      const itemsBefore = await h.itemCount();
      const ensuredBefore = h.notifier.topicsEnsured.length;

      const res = await h.http.post(
        '/v1/subscriptions',
        subscriptionBody({ email: ['failing@example.com'] }),
        owner.key,
      );

      expect(injected).toBe(1);
      expectProblem(res, 500);
      const made = h.notifier.topicsEnsured.slice(ensuredBefore);
      expect(made).toHaveLength(1);
      expect(h.notifier.topicsDeleted).toContain(made[0]?.topicArn);
      expect((await h.http.get('/v1/subscriptions', owner.key)).json.items).toHaveLength(listed);
      expect(await h.itemCount()).toBe(itemsBefore);
    } finally {
      stack.remove('failTransactWriteOnce');
    }
  });
});

describe('OpenAPI', () => {
  it('documents the replay, recovery and rotation routes', async () => {
    const paths = (await h.http.get('/openapi.json')).json.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/v1/subscriptions/{id}/recover',
        '/v1/subscriptions/{id}/test',
        '/v1/subscriptions/{id}/rotate-secret',
        '/v1/subscriptions/{id}/webhook/enable',
        '/v1/deliveries/{id}',
        '/v1/deliveries/{id}/retry',
      ]),
    );
    expect(paths['/v1/subscriptions/{id}/recover'].post.requestBody).toBeDefined();
  });
});
