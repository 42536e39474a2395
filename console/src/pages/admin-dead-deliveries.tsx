import { useState } from 'preact/hooks';
import { api, result } from '../api/client';
import { useData, usePages } from '../ui/data';
import { ProblemBanner, useAction } from '../ui/forms';
import { PagedTable } from '../ui/table';
import { Time } from '../ui/time';

/** Most deliveries one retry request takes (the API refuses more). */
const MAX_RETRY = 100;

/** Dead deliveries across every subscriber: pick some (or the whole page) and queue them again. */
export function AdminDeadDeliveriesPage() {
  const pages = usePages();
  const dead = useData(
    () =>
      result(
        api.GET('/v1/admin/deliveries/dead', {
          params: { query: { limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    [pages.cursor],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState('');
  const items = dead.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((d) => selected.has(d.id));

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const retry = useAction(async () => {
    const deliveryIds = [...selected].slice(0, MAX_RETRY);
    if (!window.confirm(`Queue ${deliveryIds.length} dead deliveries again, each with a fresh retry budget?`))
      return;
    const answer = await result(api.POST('/v1/admin/deliveries/dead/retry', { body: { deliveryIds } }));
    const skipped = answer.skipped.map((s) => `${s.deliveryId} (${s.reason})`).join(', ');
    setNotice(
      `Queued ${answer.retried.length} deliveries again.${answer.skipped.length ? ` Skipped ${answer.skipped.length}: ${skipped}.` : ''}`,
    );
    setSelected(new Set());
    await dead.reload();
  });

  return (
    <section>
      <h1>Dead deliveries</h1>
      <p class="hint">Deliveries that gave up after their last retry, most recently dead first.</p>
      <p aria-live="polite" class="notice" data-testid="retry-notice">
        {notice}
      </p>
      <ProblemBanner problem={retry.problem} />
      <div class="form-actions">
        <button
          type="button"
          disabled={items.length === 0}
          onClick={() => setSelected(allSelected ? new Set() : new Set(items.map((d) => d.id)))}
        >
          {allSelected ? 'Select none' : 'Select this page'}
        </button>
        <button
          class="primary"
          type="button"
          disabled={selected.size === 0 || retry.busy}
          onClick={() => void retry.run()}
        >
          Retry selected ({selected.size})
        </button>
      </div>
      <PagedTable
        caption="Dead deliveries"
        columns={['Retry', 'Delivery', 'Subscriber', 'Event', 'Channel', 'Why it died', 'Dead since']}
        list={dead}
        pages={pages}
        empty="No dead deliveries."
        row={(d) => (
          <tr key={d.id} data-delivery={d.id}>
            <td>
              <input
                type="checkbox"
                aria-label={`Retry ${d.id}`}
                checked={selected.has(d.id)}
                onChange={() => toggle(d.id)}
              />
            </td>
            <td>
              <code>{d.id}</code>
            </td>
            <td>
              <a href={`#/admin/subscribers/${d.subscriberId}`}>{d.subscriberId}</a>
            </td>
            <td>
              {d.type} <small class="muted">{d.policyChangeId}</small>
            </td>
            <td>{d.channel}</td>
            <td>{d.deadReason ?? d.attempts.at(-1)?.error ?? '—'}</td>
            <td>
              <Time iso={d.updatedAt} />
            </td>
          </tr>
        )}
      />
    </section>
  );
}
