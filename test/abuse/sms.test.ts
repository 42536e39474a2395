import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { policyChangeBody } from '../api/support.js';
import { eventually } from '../support/local-service.js';
import { RecordingNotifier } from '../support/recording.js';
import { serviceClient } from '../support/service-client.js';
import { suiteLog } from '../support/suite-log.js';

const ADMIN = 'sms-admin-key-0123456789abc';
const NUMBER = '+4915112345678';

let runtime: LocalRuntime;
const notifier = new RecordingNotifier();

const call = serviceClient(() => runtime.url);

const textsTo = (number: string) => notifier.sms.filter((sms) => sms.phoneNumber === number);
const codeIn = (text: string | undefined) => /(\d{6}) is your code/.exec(text ?? '')?.[1];

async function newSubscriber(name: string): Promise<string> {
  const res = await call('POST', '/v1/subscribers', ADMIN, { name });
  expect(res.status).toBe(201);
  return res.json.apiKey;
}

async function ingestAndSettle(material: string) {
  const res = await call('POST', '/v1/policy-changes', ADMIN, policyChangeBody({ materials: [material] }));
  expect(res.status).toBe(202);
  await runtime.settled();
}

beforeAll(async () => {
  runtime = await startLocalRuntime({
    env: {
      PORT: '0',
      ADMIN_API_KEY: ADMIN,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      TABLE_NAME: `sms-${randomUUID()}`,
      RATE_LIMIT: 'off',
      SCHEDULER_INTERVAL: '1h',
      SMS_DAILY_LIMIT: '2',
    },
    notifier,
    log: suiteLog,
  });
});

afterAll(async () => {
  await runtime?.stop();
});

describe('SMS only to numbers that confirmed a code', () => {
  let key: string;
  let id: string;

  it('a new number gets a code, and no alert until it is confirmed', async () => {
    key = await newSubscriber('Texter GmbH');
    const created = await call('POST', '/v1/subscriptions', key, {
      name: 'Germanium by text',
      filters: { materials: ['germanium'] },
      sms: [NUMBER],
    });
    expect(created.status).toBe(201);
    id = created.json.id;
    expect(created.json.smsStatus).toEqual({ [NUMBER]: 'pending' });
    expect(textsTo(NUMBER)).toHaveLength(1);
    expect(codeIn(textsTo(NUMBER)[0]?.message)).toMatch(/^\d{6}$/);

    await ingestAndSettle('germanium');
    // The unconfirmed number received nothing but its code; the delivery says why.
    expect(textsTo(NUMBER)).toHaveLength(1);
    const page = await call('GET', `/v1/subscriptions/${id}/deliveries`, key);
    expect(page.json.items[0]).toMatchObject({ channel: 'sms', status: 'dead' });
    expect(page.json.items[0].deadReason).toMatch(/no confirmed phone number/);
  });

  it('codes are limited per number and day (3), whoever asks', async () => {
    expect(
      (await call('POST', `/v1/subscriptions/${id}/sms/resend`, key, { phoneNumber: NUMBER })).status,
    ).toBe(202);
    expect(
      (await call('POST', `/v1/subscriptions/${id}/sms/resend`, key, { phoneNumber: NUMBER })).status,
    ).toBe(202);
    const refused = await call('POST', `/v1/subscriptions/${id}/sms/resend`, key, { phoneNumber: NUMBER });
    expect(refused.status).toBe(429);
    expect(refused.json.type).toMatch(/\/sms-code-limit$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(textsTo(NUMBER)).toHaveLength(3);

    // Another subscriber naming the same number cannot have it texted again today.
    const other = await newSubscriber('Pumper Ltd');
    const theirs = await call('POST', '/v1/subscriptions', other, {
      name: 'Harass',
      filters: { materials: ['germanium'] },
      sms: [NUMBER],
    });
    expect(theirs.status).toBe(201);
    expect(textsTo(NUMBER)).toHaveLength(3);
  });

  it('a wrong code is refused (422 naming code); the right one confirms the number', async () => {
    const code = codeIn(textsTo(NUMBER).at(-1)?.message) ?? '';
    const wrong = code === '000000' ? '000001' : '000000';
    const refused = await call('POST', `/v1/subscriptions/${id}/sms/confirm`, key, {
      phoneNumber: NUMBER,
      code: wrong,
    });
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0].field).toBe('code');
    const confirmed = await call('POST', `/v1/subscriptions/${id}/sms/confirm`, key, {
      phoneNumber: NUMBER,
      code,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.smsStatus).toEqual({ [NUMBER]: 'confirmed' });
  });

  it('a confirmed number receives alerts, up to the daily cap per subscription', async () => {
    const before = textsTo(NUMBER).length;
    await ingestAndSettle('germanium');
    await ingestAndSettle('germanium');
    await ingestAndSettle('germanium');
    // SMS_DAILY_LIMIT=2: two alerts texted, the third held back with its reason.
    expect(textsTo(NUMBER).length - before).toBe(2);
    const page = await eventually('three alert deliveries', async () => {
      const res = await call('GET', `/v1/subscriptions/${id}/deliveries`, key);
      return res.json.items.length >= 4 ? res.json.items : undefined;
    });
    expect(page[0].deadReason).toMatch(/daily SMS limit reached/);
  });

  it('codes cannot be guessed: five wrong tries void the code', async () => {
    const other = '+4915199999999';
    const patched = await call('PATCH', `/v1/subscriptions/${id}`, key, { sms: [NUMBER, other] });
    expect(patched.status).toBe(200);
    expect(patched.json.smsStatus).toEqual({ [NUMBER]: 'confirmed', [other]: 'pending' });
    const code = codeIn(textsTo(other).at(-1)?.message) ?? '';
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      expect(
        (await call('POST', `/v1/subscriptions/${id}/sms/confirm`, key, { phoneNumber: other, code: wrong }))
          .status,
      ).toBe(422);
    }
    const late = await call('POST', `/v1/subscriptions/${id}/sms/confirm`, key, { phoneNumber: other, code });
    expect(late.status).toBe(422);
    expect(late.json.errors[0].message).toMatch(/void/);
  });
});
