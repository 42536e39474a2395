import type { Profile } from '../model/profile.js';
import type { TransactItem } from './audit-store.js';
import { keys } from './keys.js';
import type { TableContext } from './table.js';

/** Subscriber items: their shape as read, and the write of a default profile. */

export interface Subscriber {
  id: string;
  name: string;
  createdAt: string;
  /** The profile its subscriptions without one of their own are judged on. */
  defaultProfile?: Profile;
}

/** A subscriber item as callers see it; the profile was validated before it was written. */
export function toSubscriber(item: Record<string, unknown>): Subscriber {
  const profile = item.defaultProfile as Profile | undefined;
  return {
    id: String(item.id),
    name: String(item.name),
    createdAt: String(item.createdAt),
    ...(profile ? { defaultProfile: profile } : {}),
  };
}

/** The write that sets (or, with null, removes) a subscriber's default profile. */
export function defaultProfileUpdate(table: TableContext, id: string, profile: Profile | null): TransactItem {
  return {
    Update: {
      TableName: table.tableName,
      Key: keys.subscriber(id),
      UpdateExpression: profile ? 'SET defaultProfile = :profile' : 'REMOVE defaultProfile',
      ConditionExpression: 'attribute_exists(pk)',
      ...(profile ? { ExpressionAttributeValues: { ':profile': profile } } : {}),
    },
  };
}
