import { useState } from 'preact/hooks';
import { ApiProblem, type Schemas, untyped } from '../api/client';
import { Loading, Pager, useData, usePages } from '../ui/data';
import { Field, ProblemBanner, useAction } from '../ui/forms';
import { Time } from '../ui/time';

type PolicyChange = Schemas['PolicyChange'];
/** A queued import: the change as imported, with the importer's confidence and evidence. */
interface ReviewItem {
  id: string;
  source: string;
  sourceRef: string;
  revision: number;
  reviewStatus: string;
  change: Partial<PolicyChange>;
  confidence?: number;
  evidence?: string[];
  queuedAt: string;
}
interface ReviewPage {
  items: ReviewItem[];
  nextCursor?: string;
}

function isReviewPage(data: unknown): data is ReviewPage {
  return typeof data === 'object' && data !== null && Array.isArray((data as { items?: unknown }).items);
}

/**
 * Imported changes waiting for review (stored, not matched): approve (optionally correcting the
 * title and severity) or reject with a reason.
 */
export function AdminReviewPage() {
  const pages = usePages();
  const queue = useData(async () => {
    const query = new URLSearchParams({ limit: '20', ...(pages.cursor ? { cursor: pages.cursor } : {}) });
    const data = await untyped('GET', `/v1/admin/review?${query}`);
    if (!isReviewPage(data)) throw new Error('the review queue answered something else than a page');
    return data;
  }, [pages.cursor]);
  const unavailable = queue.problem instanceof ApiProblem && queue.problem.status === 404;
  return (
    <section>
      <h1>Review queue</h1>
      <p class="muted">
        Changes imported with low confidence wait here: they are stored but not matched until approved.
      </p>
      {unavailable ? (
        <output>This service has no review queue yet.</output>
      ) : (
        <Loading loading={queue.loading && !queue.data} problem={queue.problem} />
      )}
      {queue.data && queue.data.items.length === 0 && <p>Nothing waits for review.</p>}
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
  const [title, setTitle] = useState(change.title ?? '');
  const [severity, setSeverity] = useState<string>(change.severity ?? 'medium');
  const [reason, setReason] = useState('');
  const approve = useAction(async () => {
    const edits = {
      ...(title !== (change.title ?? '') ? { title } : {}),
      ...(severity !== (change.severity ?? 'medium') ? { severity } : {}),
    };
    await untyped(
      'POST',
      `/v1/admin/review/${encodeURIComponent(item.id)}/approve`,
      Object.keys(edits).length ? { edits } : {},
    );
    onDone();
  });
  const reject = useAction(async () => {
    await untyped('POST', `/v1/admin/review/${encodeURIComponent(item.id)}/reject`, { reason });
    onDone();
  });
  return (
    <li class="change card" data-review={item.id}>
      <p class="muted">
        {item.source} {item.sourceRef} (revision {item.revision}) · {change.issuingRegion} ·{' '}
        {change.changeType} · {(change.materials ?? []).join(', ')}
        {item.confidence !== undefined && ` · confidence ${Math.round(item.confidence * 100)}%`}
        {change.publishedAt && (
          <>
            {' '}
            · published <Time iso={change.publishedAt} />
          </>
        )}
      </p>
      {item.evidence && item.evidence.length > 0 && <p class="muted">Evidence: {item.evidence.join('; ')}</p>}
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
    </li>
  );
}
