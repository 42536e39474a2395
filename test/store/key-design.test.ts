import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/kernel/errors.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import { deliveryId } from '../../shared/store/delivery-store.js';
import { ImportCursorStore } from '../../shared/store/import-cursor-store.js';
import { keys, TABLE_DESIGN } from '../../shared/store/keys.js';
import { documentClient } from '../../shared/store/table.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { policyChangeFixture, T0 } from './fixtures.js';

const storeDir = fileURLToPath(new URL('../../shared/store/', import.meta.url));

/** Every item of the table (test bookkeeping only; nothing in the service scans). */
async function allItems(table: TestTable): Promise<Record<string, unknown>[]> {
  const doc = documentClient(table.client);
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

describe('the key design lives in keys.ts', () => {
  it('no other store module spells a key format of its own', () => {
    const offenders = readdirSync(storeDir)
      .filter((file) => file.endsWith('.ts') && file !== 'keys.ts')
      .flatMap((file) => {
        const source = readFileSync(join(storeDir, file), 'utf8');
        // A key built in place: `pk: 'X'`, `pk: \`X#…\``, `gsi1pk: 'X'` and the like.
        const found = source.match(/\b(?:pk|sk|gsi[12](?:pk|sk))\s*:\s*['`][A-Z]/g) ?? [];
        return found.map((match) => `${file}: ${match}`);
      });
    expect(offenders).toEqual([]);
  });

  it('documents every partition prefix that keys.ts builds', () => {
    const source = readFileSync(join(storeDir, 'keys.ts'), 'utf8');
    const [header = ''] = source.split('export const OPEN_SHARDS');
    const prefixes = new Set(
      [...source.matchAll(/`([A-Z]+)#\$\{/g)].map((match) => match[1]).filter((p) => p !== undefined),
    );
    expect(prefixes.size).toBeGreaterThan(10);
    for (const prefix of prefixes) expect(header, `${prefix}# in the header`).toContain(`${prefix}#`);
  });
});

describe('what expires and what is history', () => {
  let table: TestTable;

  beforeAll(async () => {
    table = await createTestTable();
  });

  it('locks and counters carry a ttl; review items, import cursors and stats carry none', async () => {
    const now = new Date();
    const subscriptionId = newId('sub');
    expect(await table.recoveryLocks.acquire(subscriptionId, now, 60_000)).toBe(true);
    expect(await table.smsQuota.reserveCode('+4915112345678', now, 3)).toBe(true);
    expect(await table.smsQuota.reserveAlertTexts(subscriptionId, now, 1, 50)).toBe(true);
    await table.reviews.queue({
      id: newId('rv'),
      source: 'federal-register',
      sourceRef: '2024-27333',
      revision: 1,
      reviewStatus: 'pending',
      change: { title: 'Gallium' },
      queuedAt: now.toISOString(),
      queuedBy: { keyId: 'admin', scope: 'admin' },
    });
    await new ImportCursorStore({ doc: documentClient(table.client), tableName: table.tableName }, 'fr').save(
      {
        since: '2024-01-02',
        seenOnLastDay: [],
      },
    );
    await table.stats.add([{ dimensions: {}, values: new Map([['AlertsCreated', [3]]]) }]);

    const items = await allItems(table);
    const ttlOf = (pk: string, sk: string) =>
      items.find((item) => item.pk === pk && item.sk === sk)?.[TABLE_DESIGN.ttlAttribute];
    const day = now.toISOString().slice(0, 10);
    const inTwoDays = Date.parse(`${day}T00:00:00Z`) / 1000 + 2 * 86_400;

    const lock = keys.recoveryLock(subscriptionId);
    expect(ttlOf(lock.pk, lock.sk)).toBe(Math.ceil((now.getTime() + 60_000) / 1000) + 86_400);
    const texts = keys.smsTexts(subscriptionId, day);
    expect(ttlOf(texts.pk, texts.sk)).toBe(inTwoDays);
    const codes = items.find((item) => String(item.pk).startsWith('PHONE#'));
    expect(codes?.sk).toBe(`CODES#${day}`);
    expect(codes?.ttl).toBe(inTwoDays);

    const history = items.filter((item) => /^(REVIEW|REVIEWREF|IMPORT|STATS)/.test(String(item.pk)));
    expect(history.map((item) => String(item.pk).split('#')[0]).sort()).toEqual([
      'IMPORT',
      'REVIEW',
      'REVIEWREF',
      'STATS',
    ]);
    for (const item of history) expect(item).not.toHaveProperty(TABLE_DESIGN.ttlAttribute);
    const review = items.find((item) => String(item.pk).startsWith('REVIEW#'));
    expect(review?.gsi1pk).toBe(keys.reviewsByStatus('pending'));
  });
});

describe('dead deliveries across subscribers', () => {
  it('are listed from their own partition until they expire, through sealed cursors', async () => {
    let now = new Date(T0.getTime() + 60_000);
    const table = await createTestTable({
      retention: { deliveryMs: 86_400_000, auditMs: 86_400_000 },
      clock: () => now,
    });
    const alerts = [0, 1, 2].map((i) =>
      buildAlert({
        change: policyChangeFixture(),
        subscriptionId: newId('sub'),
        subscriberId: `sbr_${i}`,
        type: 'policy_change.published',
        match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
        now: T0,
      }),
    );
    for (const [i, alert] of alerts.entries()) {
      const { toSend } = await table.deliveries.createAlert(alert, ['webhook']);
      const [delivery] = toSend;
      if (!delivery) throw new Error('no delivery');
      await table.deliveries.markDead(delivery, 'subscription deleted', new Date(T0.getTime() + i * 1000));
    }
    const items = await allItems(table);
    const dead = items.filter((item) => item.gsi2pk === keys.deadDeliveries());
    expect(dead).toHaveLength(3);
    for (const item of dead) expect(item[TABLE_DESIGN.ttlAttribute]).toEqual(expect.any(Number));

    const first = await table.deliveries.listDead({ limit: 2 });
    // Most recently dead first.
    expect(first.items.map((d) => d.id)).toEqual(
      [alerts[2], alerts[1]].map((alert) => deliveryId(alert?.alertId ?? '', 'webhook')),
    );
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const second = await table.deliveries.listDead({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((d) => d.id)).toEqual([deliveryId(alerts[0]?.alertId ?? '', 'webhook')]);

    // A cursor of another list does not continue this one.
    const other = await table.deliveries.listBySubscription(alerts[0]?.subscriptionId ?? '', { limit: 1 });
    expect(other.nextCursor).toEqual(expect.any(String));
    await expect(table.deliveries.listDead({ cursor: other.nextCursor ?? '' })).rejects.toThrow(
      ValidationError,
    );
    const [payload = '', seal = ''] = (first.nextCursor ?? '').split('.');
    const altered = `${payload}.${seal.slice(0, -1)}${seal.endsWith('A') ? 'B' : 'A'}`;
    await expect(table.deliveries.listDead({ cursor: altered })).rejects.toThrow(ValidationError);

    // Past their retention they are gone from the view, as from every other read.
    now = new Date(T0.getTime() + 2 * 86_400_000);
    expect((await table.deliveries.listDead()).items).toEqual([]);
  });
});
