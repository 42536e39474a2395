import { api, result } from '../api/client';
import { useData } from './data';
import { ProblemBanner } from './forms';

/** Whether a proposed change is broad enough that a reviewer should see its reach before approving. */
export function isBroad(change: {
  materials: string[];
  affectedRegions: string[];
  entities?: unknown[];
}): boolean {
  return change.materials.includes('*') || change.affectedRegions.includes('*');
}

/**
 * How many subscriptions a pending change would reach if approved as proposed; a wildcard or a
 * lane to every destination is shown as a warning.
 */
export function ReviewReach({ id, broad }: { id: string; broad: boolean }) {
  const reach = useData(
    () => result(api.GET('/v1/admin/review/{id}/reach', { params: { path: { id } } })),
    [id],
  );
  if (reach.problem) return <ProblemBanner problem={reach.problem} />;
  if (!reach.data) return <p aria-live="polite">Counting the subscriptions it would reach…</p>;
  const { matched, alerts, scope } = reach.data;
  const text =
    `If approved, it would match ${matched} subscription${matched === 1 ? '' : 's'} ` +
    `and alert ${alerts} of them`;
  return (
    <p
      class={broad ? 'reach warning' : 'reach muted'}
      data-reach={alerts}
      role={broad ? 'status' : undefined}
    >
      {broad && (
        <strong>{scope === 'all-items' ? 'Every item (materials *): ' : 'Every destination (*): '}</strong>
      )}
      {text}.
    </p>
  );
}
