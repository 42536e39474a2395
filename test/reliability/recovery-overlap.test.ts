import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../shared/catalogue/catalogue.js';
import { LoggingNotifier } from '../../shared/notify/notifier.js';
import { InProcessQueue } from '../../shared/queue/in-process-queue.js';
import { recoverStuckWork } from '../../shared/scheduling/recovery.js';
import { createTestTable } from '../support/dynamodb.js';

/**
 * Local mode's sweep runs beside its own matcher: a revision that the process is still matching
 * (a large fan-out can take longer than the grace) is not stuck, and a second run beside the first
 * is how an alert came to be sent twice.
 */
describe('recovery beside a matcher run still going', () => {
  it('leaves the revision this process is matching alone, and rematches it once that run is gone', async () => {
    const table = await createTestTable();
    // Never started: it only holds what the matcher queues.
    const queue = new InProcessQueue();
    const matcher = {
      changes: table.changes,
      subscriptions: table.subscriptions,
      deliveries: table.deliveries,
      queue,
      notifier: new LoggingNotifier(() => {}),
      catalogue: defaultCatalogue,
      clock: () => new Date(),
    };
    const { change } = await table.changes.ingest({
      source: 'recovery-test',
      sourceRef: randomUUID(),
      revision: 1,
      title: 'Gallium licences',
      issuingRegion: 'CN',
      affectedRegions: ['*'],
      materials: ['gallium'],
      changeType: 'licence-requirement',
      severity: 'high',
    });
    const deps = { matcher, deliveries: table.deliveries, queue, clock: () => new Date() };
    const matchingNow = new Set([`${change.id}#1`]);
    const isMatching = (id: string, revision: number) => matchingNow.has(`${id}#${revision}`);

    expect(await recoverStuckWork({ ...deps, isMatching }, { graceMs: 0 })).toMatchObject({ rematched: 0 });
    expect(await table.changes.pendingMatching(new Date().toISOString())).toEqual([
      { policyChangeId: change.id, revision: 1 },
    ]);

    matchingNow.clear();
    expect(await recoverStuckWork({ ...deps, isMatching }, { graceMs: 0 })).toMatchObject({ rematched: 1 });
    expect(await table.changes.pendingMatching(new Date().toISOString())).toEqual([]);
  });
});
