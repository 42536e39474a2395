import { describe, expect, it } from 'vitest';
import { endpointHealth } from '../../shared/delivery/endpoint/endpoint-health.js';
import type { Delivery, DeliveryAttempt } from '../../shared/model/delivery.js';
import type { StoredWebhook } from '../../shared/model/subscription.js';

const now = new Date('2026-03-10T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const webhook: StoredWebhook = { url: 'https://hooks.example.com/in', secrets: [], status: 'enabled' };
const attempt = (h: number, statusCode?: number, error?: string): DeliveryAttempt => ({
  at: hoursAgo(h),
  durationMs: 5,
  ...(statusCode !== undefined ? { statusCode } : {}),
  ...(error ? { error } : {}),
});
const delivery = (id: string, attempts: DeliveryAttempt[], channel: Delivery['channel'] = 'webhook') => ({
  id,
  channel,
  attempts,
});

describe('endpointHealth', () => {
  it('rates 2xx attempts over the last day and week, lists the newest failures first, ignores other channels', () => {
    const health = endpointHealth(
      { webhook },
      [
        delivery('d1', [attempt(1, 200), attempt(2, 503)]),
        delivery('d2', [attempt(30, undefined, 'ECONNREFUSED'), attempt(40, 204)]),
        delivery('d3', [attempt(200, 500)]), // older than a week
        delivery('d4', [attempt(1, 500)], 'sms'),
      ],
      now,
      10,
    );
    expect(health).toEqual({
      url: webhook.url,
      status: 'enabled',
      rateLimit: 10,
      circuit: { state: 'closed' },
      day: { attempts: 2, succeeded: 1, failed: 1, successRate: 0.5 },
      week: { attempts: 4, succeeded: 2, failed: 2, successRate: 0.5 },
      recentFailures: [
        { deliveryId: 'd1', at: hoursAgo(2), statusCode: 503 },
        { deliveryId: 'd2', at: hoursAgo(30), error: 'ECONNREFUSED' },
      ],
    });
  });

  it.each([
    ['open until its probe', hoursAgo(-1), 'open'],
    ['half-open once the probe is due', hoursAgo(0.5), 'half-open'],
  ] as const)('shows the circuit %s', (_label, probeAt, state) => {
    const circuit = { state: 'open' as const, failures: 5, openedAt: hoursAgo(1), probeAt };
    const health = endpointHealth({ webhook: { ...webhook, rateLimit: 2, circuit } }, [], now, 10);
    expect(health?.circuit).toEqual({ ...circuit, state });
    expect(health?.rateLimit).toBe(2);
    expect(health?.day).toEqual({ attempts: 0, succeeded: 0, failed: 0 });
  });

  it('has nothing to say about a subscription without a webhook', () => {
    expect(endpointHealth({}, [], now, 10)).toBeUndefined();
  });
});
