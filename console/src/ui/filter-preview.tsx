import { useEffect, useState } from 'preact/hooks';
import { api, result, type Schemas } from '../api/client';
import { cleanFilters } from './clauses-editor';
import type { SubscriptionFilters } from './filters-editor';
import { ProblemBanner } from './forms';
import type { Profile } from './profile-editor';
import { utc } from './time';
import { Verdict } from './verdict';

type PreviewItem = Schemas['SubscriptionPreview']['items'][number];

/** How long the filters must stay still before the history is asked again. */
const SETTLE_MS = 500;

/** Whether a clause names anything to match yet: a half-filled form is not previewed. */
function previewable(filters: SubscriptionFilters): boolean {
  const clauses = Array.isArray(filters) ? filters : [filters];
  return clauses.every(
    (clause) =>
      (clause.materials?.length ?? 0) > 0 ||
      (clause.hsCodes?.length ?? 0) > 0 ||
      !!clause.entities?.some((e) => e.name.trim() !== '') ||
      !!clause.scopes?.includes('parties'),
  );
}

/**
 * What the filters being written would have caught in the stored history, with the verdict for the
 * profile (the subscriber's default when the form sets none): refreshed as the filters change.
 */
export function FilterPreview({
  filters,
  profile,
}: {
  filters: SubscriptionFilters;
  profile: Profile | undefined;
}) {
  const [items, setItems] = useState<PreviewItem[] | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const body = JSON.stringify({ filters: cleanFilters(filters), ...(profile ? { profile } : {}) });
  const ready = previewable(filters);

  useEffect(() => {
    if (!ready) {
      setItems(undefined);
      setProblem(undefined);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setBusy(true);
      result(api.POST('/v1/subscriptions/preview', { body: JSON.parse(body) }))
        .then((answer) => {
          if (!current) return;
          setItems(answer.items);
          setProblem(undefined);
        })
        .catch((error: unknown) => {
          if (current) setProblem(error);
        })
        .finally(() => {
          if (current) setBusy(false);
        });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, ready]);

  return (
    <section class="filter-preview" aria-labelledby="filter-preview-title" aria-busy={busy}>
      <h2 id="filter-preview-title">What these filters would have caught</h2>
      {!ready && (
        <p class="hint">Name a material, an HS code or a watched party to see the history they match.</p>
      )}
      {ready && problem !== undefined && <ProblemBanner problem={problem} />}
      {ready && problem === undefined && items && (
        <>
          <p aria-live="polite" data-testid="preview-count">
            {items.length === 0
              ? 'No stored policy change matches these filters.'
              : `${items.length} stored policy change${items.length === 1 ? '' : 's'} would have been sent, newest first.`}
          </p>
          {items.length > 0 && (
            <table class="preview-table">
              <thead>
                <tr>
                  <th scope="col">Published</th>
                  <th scope="col">Change</th>
                  <th scope="col">Status</th>
                  <th scope="col">Applies to you?</th>
                </tr>
              </thead>
              <tbody>
                {items.map(({ policyChange, applicability }) => (
                  <tr key={policyChange.id} data-source-ref={policyChange.sourceRef}>
                    <td>{policyChange.publishedAt ? utc(policyChange.publishedAt).slice(0, 10) : '—'}</td>
                    <td>
                      {policyChange.url ? (
                        <a href={policyChange.url} rel="noreferrer noopener" target="_blank">
                          {policyChange.title}
                        </a>
                      ) : (
                        policyChange.title
                      )}{' '}
                      <small class="muted">{policyChange.sourceRef}</small>
                    </td>
                    <td>{policyChange.status ?? '—'}</td>
                    <td>
                      <Verdict applicability={applicability} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
