import { useState } from 'preact/hooks';
import { api, result, type Schemas } from '../api/client';
import { Loading, Pager, useData, usePages } from '../ui/data';
import { Field, ProblemBanner, useAction } from '../ui/forms';
import { isBroad, ReviewReach } from '../ui/review-reach';
import { SourceOriginal } from '../ui/source-original';
import { Time } from '../ui/time';

type ReviewItem = Schemas['ReviewItem'];
type ReviewStatus = ReviewItem['reviewStatus'];

const SHOWN: Record<ReviewStatus, string> = {
  pending: 'Waiting for review',
  published: 'Approved',
  rejected: 'Rejected',
};

/**
 * Imported changes waiting for review (stored, not matched): approve (optionally correcting the
 * title and severity) or reject with a reason. The decided ones can be listed too.
 */
export function AdminReviewPage() {
  const pages = usePages();
  const [status, setStatus] = useState<ReviewStatus>('pending');
  const queue = useData(
    () =>
      result(
        api.GET('/v1/admin/review', {
          params: { query: { status, limit: 20, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    [status, pages.cursor],
  );
  return (
    <section>
      <h1>Review queue</h1>
      <p class="muted">
        Changes imported with low confidence wait here: they are stored but not matched until approved.
      </p>
      <div class="field">
        <label for="review-status">Show</label>
        <select
          id="review-status"
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value as ReviewStatus);
            pages.reset();
          }}
        >
          {Object.entries(SHOWN).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <Loading loading={queue.loading && !queue.data} problem={queue.problem} />
      {queue.data && queue.data.items.length === 0 && (
        <p>{status === 'pending' ? 'Nothing waits for review.' : 'None.'}</p>
      )}
      <ol class="timeline">
        {queue.data?.items.map((item) => (
          <ReviewEntry key={item.id} item={item} onDone={() => queue.reload()} />
        ))}
      </ol>
      <Pager
        page={pages.page}
        nextCursor={queue.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </section>
  );
}

function ReviewEntry({ item, onDone }: { item: ReviewItem; onDone: () => void }) {
  const change = item.change;
  const [title, setTitle] = useState(change.title);
  const [severity, setSeverity] = useState<string>(change.severity);
  const [reason, setReason] = useState('');
  const [originalEdits, setOriginalEdits] = useState<Record<string, unknown>>({});
  const path = { params: { path: { id: item.id } } };
  const approve = useAction(async () => {
    const edits = {
      ...originalEdits,
      ...(title !== change.title ? { title } : {}),
      ...(severity !== change.severity ? { severity } : {}),
    };
    await result(
      api.POST('/v1/admin/review/{id}/approve', {
        ...path,
        body: Object.keys(edits).length ? { edits } : {},
      }),
    );
    onDone();
  });
  const reject = useAction(async () => {
    await result(api.POST('/v1/admin/review/{id}/reject', { ...path, body: { reason } }));
    onDone();
  });
  return (
    <li class="change card" data-review={item.id}>
      <p class="muted">
        {item.source} {item.sourceRef} (revision {item.revision}) · {change.issuingRegion} ·{' '}
        {change.changeType} · {change.materials.join(', ')}
        {item.confidence !== undefined && ` · confidence ${Math.round(item.confidence * 100)}%`}
        {change.publishedAt && (
          <>
            {' '}
            · published <Time iso={change.publishedAt} />
          </>
        )}{' '}
        · queued <Time iso={item.queuedAt} />
      </p>
      {item.evidence && item.evidence.length > 0 && !change.textOriginal && (
        <p class="muted">Evidence: {item.evidence.join('; ')}</p>
      )}
      {typeof change.url === 'string' && (
        <a href={change.url} rel="noreferrer noopener" target="_blank">
          Source document<span class="sr-only"> of {item.sourceRef}</span>
        </a>
      )}
      {item.reviewStatus === 'pending' ? (
        <>
          <ReviewReach id={item.id} broad={isBroad(change)} />
          {change.textOriginal && (
            <SourceOriginal
              id={item.id}
              change={change}
              evidence={item.evidence ?? []}
              onEdits={setOriginalEdits}
            />
          )}
          <ProblemBanner problem={approve.problem} shown={['edits.title', 'edits.severity']} />
          <Field label="Title" field="edits.title" problem={approve.problem} scope={item.id}>
            {(attrs) => <input {...attrs} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}
          </Field>
          <Field label="Severity" field="edits.severity" problem={approve.problem} scope={item.id}>
            {(attrs) => (
              <select {...attrs} value={severity} onChange={(e) => setSeverity(e.currentTarget.value)}>
                {['low', 'medium', 'high', 'critical'].map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" class="primary" disabled={approve.busy} onClick={() => approve.run()}>
            Approve
          </button>
          <ProblemBanner problem={reject.problem} shown={['reason']} />
          <Field label="Reason for rejecting" field="reason" problem={reject.problem} scope={item.id}>
            {(attrs) => <input {...attrs} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          <button type="button" class="danger" disabled={reject.busy} onClick={() => reject.run()}>
            Reject
          </button>
        </>
      ) : (
        <>
          <div class="change-head">
            <span class={`badge sev-${change.severity}`}>{change.severity}</span>{' '}
            <strong>{change.title}</strong>
          </div>
          <p>
            {SHOWN[item.reviewStatus]}
            {item.decidedAt && (
              <>
                {' '}
                <Time iso={item.decidedAt} />
              </>
            )}
            {item.decidedBy && ` by ${item.decidedBy.keyId}`}
            {item.reason && `: ${item.reason}`}
            {item.edited?.length ? ` (corrected: ${item.edited.join(', ')})` : ''}
            {item.policyChangeId && (
              <>
                {' '}
                as <code>{item.policyChangeId}</code>
              </>
            )}
          </p>
        </>
      )}
    </li>
  );
}
