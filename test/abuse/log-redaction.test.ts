import { createHash, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { redactLogText } from '../../shared/kernel/redaction.js';
import { powertoolsLog } from '../../shared/wiring/aws.js';
import { policyChangeBody } from '../api/support.js';
import { startReceiver } from '../support/local-service.js';
import { serviceClient } from '../support/service-client.js';
import { leaksIn } from '../support/suite-log.js';

/** Like the key CDK generates for a deployment: no prefix a pattern could recognise. */
const BOOTSTRAP = 'Q7xv2KpLm9RtZw4NcYb8HsJd3FgVe6Ua1TiOoPk5';
const NUMBER = '+4915112345678';
const ADDRESS = 'compliance.lead@magnetwerk.example';

describe('redactLogText', () => {
  it.each([
    ['sms to +4915112345678 sent', 'sms to [phone …78] sent'],
    ['mail for compliance.lead@magnetwerk.example', 'mail for ***@magnetwerk.example'],
    ['secret whsec_dGVzdHNlY3JldA== in a title', 'secret [redacted] in a title'],
    ['key ma_sub_AbC-123xyz used', 'key [redacted] used'],
    [
      'at 2026-11-29T10:00:00+08:00, 42 items, id sub_0mx2gg',
      'at 2026-11-29T10:00:00+08:00, 42 items, id sub_0mx2gg',
    ],
  ])('%s', (text, expected) => {
    expect(redactLogText(text)).toBe(expected);
  });

  it('masks a secret known only by its digest wherever it stands as a token', () => {
    const digests = new Set([createHash('sha256').update(BOOTSTRAP).digest('hex')]);
    expect(redactLogText(`GET /v1/subscriptions/${BOOTSTRAP}?x=1`, { secretDigests: digests })).toBe(
      'GET /v1/subscriptions/[redacted]?x=1',
    );
  });
});

describe('Lambda functions log through the same redaction', () => {
  it('powertoolsLog masks secrets, numbers and addresses before Powertools sees them', () => {
    const logger = new Logger({ serviceName: 'test' });
    const seen: unknown[] = [];
    logger.info = ((message: string, ...rest: unknown[]) => {
      seen.push(message, ...rest);
    }) as Logger['info'];
    powertoolsLog(logger)({
      level: 'info',
      message: 'sns publish (sms)',
      phoneNumber: NUMBER,
      text: `New rule whsec_abcdefghijklmnop for ${ADDRESS}`,
    });
    const raw = JSON.stringify(seen);
    expect(raw).toContain('sns publish (sms)');
    expect(leaksIn(raw)).toEqual([]);
  });
});

describe('a whole local run, logged at debug level', () => {
  let runtime: LocalRuntime;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    receiver = await startReceiver(() => 500);
    runtime = await startLocalRuntime({
      env: {
        PORT: '0',
        ADMIN_API_KEY: BOOTSTRAP,
        WEBHOOK_ALLOW_PRIVATE: 'true',
        RETRY_SCHEDULE: '10ms',
        DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
        TABLE_NAME: `redaction-${randomUUID()}`,
        LOG_LEVEL: 'debug',
      },
      // The default notifier: SNS publishes are written to the log, numbers and addresses included.
      log: (entry) => lines.push(entry),
    });
  });

  afterAll(async () => {
    await runtime?.stop();
    await receiver?.close();
  });

  const call = serviceClient(() => runtime.url);

  it('holds no secret, key, phone number or e-mail address', async () => {
    const subscriber = await call('POST', '/v1/subscribers', BOOTSTRAP, { name: 'Leaky GmbH' });
    const key: string = subscriber.json.apiKey;
    const created = await call('POST', '/v1/subscriptions', key, {
      name: `Alerts for ${ADDRESS}`,
      filters: { materials: ['gallium'] },
      webhook: { url: `${receiver.url}/hook` },
      sms: [NUMBER],
      email: [ADDRESS],
    });
    expect(created.status).toBe(201);
    const secret: string = created.json.webhook.secret;
    // A change whose title carries a secret, a number and an address, and a failing receiver.
    const change = await call(
      'POST',
      '/v1/policy-changes',
      BOOTSTRAP,
      policyChangeBody({
        materials: ['gallium'],
        title: `Leaked ${secret} call ${NUMBER} or write ${ADDRESS}`,
      }),
    );
    expect(change.status).toBe(202);
    // The bootstrap key and a subscriber key pasted into paths.
    await call('GET', `/v1/subscriptions/${BOOTSTRAP}`, BOOTSTRAP);
    await call('GET', `/v1/materials/${BOOTSTRAP}`, key);
    await call('GET', `/v1/subscriptions/${key}`, key);
    await runtime.settled();

    const raw = JSON.stringify(lines);
    expect(lines.some((line) => line.message === 'sns publish (sms)')).toBe(true);
    expect(lines.some((line) => line.message === 'request')).toBe(true);
    for (const value of [BOOTSTRAP, key, secret, NUMBER, ADDRESS]) expect(raw).not.toContain(value);
    expect(leaksIn(raw)).toEqual([]);
  });
});
