/**
 * Reminders of the dates a change carries: one item per date in the partition of its UTC day,
 * read by the daily reminder run and marked once its alerts were all written.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PolicyChange } from '../model/policy-change.js';
import { keys } from './keys.js';
import { queryAll } from './paging.js';
import type { TableContext } from './table.js';

export type ReminderKind = 'effective' | 'expiring';

/** A change revision that takes effect or expires on a given day. */
export interface DueReminder {
  kind: ReminderKind;
  policyChangeId: string;
  revision: number;
  at: string;
  remindedAt?: string;
}

/** The UTC day of an instant, as the reminder partitions name it. */
export function utcDay(instant: string | Date): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** Where a reminder is kept: the partition of its day, one item per kind, change and revision. */
function reminderKey(reminder: Pick<DueReminder, 'kind' | 'policyChangeId' | 'revision' | 'at'>) {
  return {
    pk: keys.dueOn(utcDay(reminder.at)),
    sk: `${reminder.kind}#${reminder.policyChangeId}#${String(reminder.revision).padStart(10, '0')}`,
  };
}

/** One item per date the change carries, in the partition of that day. */
export function reminderItems(change: PolicyChange): Record<string, unknown>[] {
  const dates: [ReminderKind, string | undefined][] = [
    ['effective', change.effectiveAt],
    ['expiring', change.expiresAt],
  ];
  return dates.flatMap(([kind, at]) =>
    at
      ? [
          {
            ...reminderKey({ kind, policyChangeId: change.id, revision: change.revision, at }),
            entity: 'reminder',
            kind,
            policyChangeId: change.id,
            revision: change.revision,
            at: new Date(at).toISOString(),
          },
        ]
      : [],
  );
}

/** The reminders of one UTC day (`YYYY-MM-DD`). */
export async function remindersOn(table: TableContext, day: string): Promise<DueReminder[]> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.dueOn(day) },
  });
  return items.flatMap((item) => {
    const kind = item.kind === 'effective' || item.kind === 'expiring' ? item.kind : undefined;
    if (!kind) return [];
    return [
      {
        kind,
        policyChangeId: String(item.policyChangeId),
        revision: Number(item.revision),
        at: String(item.at),
        ...(typeof item.remindedAt === 'string' ? { remindedAt: item.remindedAt } : {}),
      },
    ];
  });
}

/** Records that a reminder's alerts were all written, so later runs skip it. */
export async function markReminded(table: TableContext, reminder: DueReminder, now: Date): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: reminderKey(reminder),
      UpdateExpression: 'SET remindedAt = if_not_exists(remindedAt, :now)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    }),
  );
}
