import type { InboundRelation, LifecycleNode } from '../../shared/model/lifecycle.js';

/** A change known from 1 January 2025, with the dates a case is about. */
export const node = (id: string, dates: Partial<LifecycleNode> = {}): LifecycleNode => ({
  id,
  ingestedAt: '2025-01-01T00:00:00.000Z',
  ...dates,
});

/** `from` acts on a change by `relation`; `inbound` is what acts on `from` in turn. */
export const rel = (
  relation: InboundRelation['relation'],
  from: LifecycleNode,
  inbound: InboundRelation[] = [],
): InboundRelation => ({ relation, from: { change: from, inbound } });
