import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { policyChangeBody } from '../api/support.js';
import { startReceiver } from '../support/local-service.js';
import { serviceClient } from '../support/service-client.js';
import { suiteLog } from '../support/suite-log.js';

/**
 * Applicability end to end: the local runtime (API, matcher, dispatcher) over DynamoDB Local,
 * webhooks to a real receiver socket. Verdicts are written before the run.
 */
const ADMIN = 'applicability-admin-key-0123456789';

let runtime: LocalRuntime;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const call = serviceClient(() => runtime.url);

interface Received {
  type: string;
  data: {
    applicability: { verdict: string; requires: { type: string }[]; reasons: { profileField?: string }[] };
    policyChange: { sourceRef: string };
  };
}

/** What each webhook path received about a change, by its sourceRef. */
function verdictsFor(sourceRef: string): Record<string, string> {
  const verdicts: Record<string, string> = {};
  for (const request of receiver.received) {
    const body = JSON.parse(request.body) as Received;
    if (body.data.policyChange.sourceRef === sourceRef)
      verdicts[request.path] = body.data.applicability.verdict;
  }
  return verdicts;
}

function bodyFor(path: string, sourceRef: string): Received | undefined {
  return receiver.received
    .map((request) => ({ path: request.path, body: JSON.parse(request.body) as Received }))
    .find((r) => r.path === path && r.body.data.policyChange.sourceRef === sourceRef)?.body;
}

async function post(change: Record<string, unknown>) {
  const posted = await call('POST', '/v1/policy-changes', ADMIN, change);
  expect(posted.status).toBe(202);
  await runtime.settled();
}

const generalLicence = (sourceRef: string, conditions: unknown[]) =>
  policyChangeBody({
    source: 'mofcom',
    sourceRef,
    title: 'General licences for gallium exports to verified civilian end users',
    materials: ['gallium'],
    hsCodes: undefined,
    changeType: 'general-licence',
    direction: 'relaxation',
    severity: 'medium',
    conditions,
  });

const militaryBan = (sourceRef: string) =>
  policyChangeBody({
    sourceRef,
    title: 'Ban on dual-use gallium exports to military end users',
    materials: ['gallium'],
    hsCodes: undefined,
    changeType: 'export-ban',
    direction: 'tightening',
    conditions: [{ type: 'end-user', values: ['military-end-user'] }],
  });

let defaultSubscriberKey: string;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  receiver = await startReceiver();
  runtime = await startLocalRuntime({
    env: {
      PORT: '0',
      ADMIN_API_KEY: ADMIN,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      RETRY_SCHEDULE: '10ms,10ms',
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      TABLE_NAME: `applicability-${randomUUID()}`,
      RATE_LIMIT: 'off',
      SCHEDULER_INTERVAL: '1h',
    },
    log: suiteLog,
  });
  const subscriber = await call('POST', '/v1/subscribers', ADMIN, { name: 'Gallium buyers' });
  const key: string = subscriber.json.apiKey;
  const subscribe = async (k: string, path: string, extra: Record<string, unknown>) => {
    const { filters, ...rest } = extra as { filters?: Record<string, unknown> };
    const created = await call('POST', '/v1/subscriptions', k, {
      name: path,
      filters: { materials: ['gallium'], ...filters },
      webhook: { url: `${receiver.url}${path}` },
      ...rest,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  };
  await subscribe(key, '/ev-maker', { profile: { endUses: ['civilian'], verifiedEndUser: ['CN'] } });
  await subscribe(key, '/civilian-maker', { profile: { endUses: ['civilian'] } });
  await subscribe(key, '/defence-prime', { profile: { endUses: ['military'] } });
  await subscribe(key, '/no-profile', {});
  await subscribe(key, '/civilian-all', {
    profile: { endUses: ['civilian'] },
    filters: { applicability: 'all' },
  });
  const other = await call('POST', '/v1/subscribers', ADMIN, { name: 'Defence group' });
  defaultSubscriberKey = other.json.apiKey;
  const set = await call('PATCH', '/v1/me/subscriber', defaultSubscriberKey, {
    defaultProfile: { endUses: ['military'] },
  });
  expect(set.status).toBe(200);
  await subscribe(defaultSubscriberKey, '/by-default', {});
}, 120_000);

// The service first, so no attempt is left knocking on a closed receiver.
afterAll(async () => {
  await runtime?.stop();
  await receiver?.close();
}, 60_000);

describe('applicability on every alert', () => {
  it('a general licence for verified civilian end users: applies, applies-if, and does-not-apply but still sent', {
    timeout: 60_000,
  }, async () => {
    const ref = `GL-${run}`;
    await post(
      generalLicence(ref, [
        { type: 'verified-end-user', effect: 'requires' },
        { type: 'end-use', effect: 'restricts', values: ['civilian'] },
      ]),
    );
    expect(verdictsFor(ref)).toEqual({
      '/ev-maker': 'applies',
      '/civilian-maker': 'applies-if',
      '/defence-prime': 'does-not-apply',
      '/no-profile': 'unknown',
      '/civilian-all': 'applies-if',
      '/by-default': 'does-not-apply',
    });
    const civilian = bodyFor('/civilian-maker', ref);
    expect(civilian?.data.applicability.requires).toEqual([
      { type: 'verified-end-user', effect: 'requires' },
    ]);
    expect(bodyFor('/ev-maker', ref)?.data.applicability.reasons.map((r) => r.profileField)).toEqual([
      'verifiedEndUser',
      'endUses',
    ]);
  });

  it('a military-end-user tightening is not sent to civilian profiles under relevant, and is under all', {
    timeout: 60_000,
  }, async () => {
    const ref = `BAN-${run}`;
    await post(militaryBan(ref));
    expect(verdictsFor(ref)).toEqual({
      '/defence-prime': 'applies',
      '/no-profile': 'unknown',
      '/civilian-all': 'does-not-apply',
      '/by-default': 'applies',
    });
  });

  it('a new default profile takes effect on the next alert of its profile-less subscription', {
    timeout: 60_000,
  }, async () => {
    const set = await call('PATCH', '/v1/me/subscriber', defaultSubscriberKey, {
      defaultProfile: { endUses: ['civilian'], verifiedEndUser: ['cn'] },
    });
    expect(set.status).toBe(200);
    expect(set.json.defaultProfile).toEqual({ endUses: ['civilian'], verifiedEndUser: ['CN'] });
    const ref = `GL2-${run}`;
    await post(
      generalLicence(ref, [
        { type: 'verified-end-user', effect: 'requires' },
        { type: 'end-use', effect: 'restricts', values: ['civilian'] },
      ]),
    );
    expect(verdictsFor(ref)['/by-default']).toBe('applies');
    const ban = `BAN2-${run}`;
    await post(militaryBan(ban));
    expect(verdictsFor(ban)['/by-default']).toBeUndefined();
    expect(verdictsFor(ban)['/defence-prime']).toBe('applies');
  });
});
