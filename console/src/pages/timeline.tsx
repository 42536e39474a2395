import { useState } from 'preact/hooks';
import { CHANGE_TYPES, STATUSES } from '../../../shared/model/vocabulary';
import { api, result, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { Loading, Pager, useData, usePages } from '../ui/data';
import { Field, ProblemBanner, useAction } from '../ui/forms';
import { Time } from '../ui/time';

type PolicyChange = Schemas['PolicyChange'];
type Query = NonNullable<paths['/v1/policy-changes']['get']['parameters']['query']>;

function ChangeRow({ change, admin }: { change: PolicyChange; admin: boolean }) {
  return (
    <li class="change" data-change={change.id}>
      <div class="change-head">
        <span class={`badge ${change.status ?? ''}`}>{change.status ?? 'unknown'}</span>{' '}
        <span class={`badge sev-${change.severity}`}>{change.severity}</span> <strong>{change.title}</strong>
      </div>
      <div class="muted">
        {change.issuingRegion} · {change.changeType} {change.direction ? `· ${change.direction}` : ''} ·{' '}
        {change.materials.join(', ') || (change.entities ?? []).map((e) => e.name).join(', ')} →{' '}
        {change.affectedRegions.join(', ')}
      </div>
      <div class="muted">
        {change.publishedAt && (
          <>
            published <Time iso={change.publishedAt} />{' '}
          </>
        )}
        {change.effectiveAt && (
          <>
            · effective <Time iso={change.effectiveAt} />{' '}
          </>
        )}
        {change.expiresAt && (
          <>
            · expires <Time iso={change.expiresAt} />{' '}
          </>
        )}
        · {change.source} {change.sourceRef} · revision {change.revision}
      </div>
      {admin && change.matching && (
        <div class="muted" data-matching={change.matching.status}>
          matching {change.matching.status}: {change.matching.matched ?? change.matching.matchedSubscriptions}{' '}
          subscription(s) matched
          {change.matching.alerts !== undefined && <>, {change.matching.alerts} alert(s) sent</>}
          {change.matching.completedAt && (
            <>
              {' '}
              at <Time iso={change.matching.completedAt} />
            </>
          )}
        </div>
      )}
      {change.url && (
        <a href={change.url} rel="noreferrer noopener" target="_blank">
          Source document
        </a>
      )}
    </li>
  );
}

/** Policy-change history with filters, newest first; administrators also see matching status and counts. */
export function TimelinePage({ admin = false }: { admin?: boolean }) {
  const [draft, setDraft] = useState<Query>({});
  const [query, setQuery] = useState<Query>({});
  const pages = usePages();
  const list = useData(
    () =>
      result(
        api.GET('/v1/policy-changes', {
          params: { query: { ...query, limit: 20, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    [JSON.stringify(query), pages.cursor],
  );
  const text = (
    key: 'material' | 'issuingRegion' | 'originRegion' | 'affectedRegion' | 'q' | 'since' | 'until',
    label: string,
    type: 'text' | 'date' = 'text',
  ) => (
    <Field label={label} field={key} problem={list.problem}>
      {(attrs) => (
        <input
          {...attrs}
          {...(type === 'date' ? { type: 'date' as const } : { type: 'text' as const })}
          value={draft?.[key] ?? ''}
          onInput={(e) => {
            const v = e.currentTarget.value.trim();
            const next = { ...draft };
            if (v) next[key] = v;
            else delete next[key];
            setDraft(next);
          }}
        />
      )}
    </Field>
  );
  return (
    <section>
      <h1>{admin ? 'Policy changes' : 'Policy-change timeline'}</h1>
      <form
        class="filters-bar"
        onSubmit={(e) => {
          e.preventDefault();
          pages.reset();
          setQuery(draft);
        }}
      >
        {text('q', 'Text')}
        {text('material', 'Material (id, name or synonym)')}
        {text('issuingRegion', 'Issued by')}
        {text('originRegion', 'Origin')}
        {text('affectedRegion', 'Destination')}
        <Field label="Change type" field="changeType" problem={list.problem}>
          {(attrs) => (
            <select
              {...attrs}
              value={draft?.changeType ?? ''}
              onChange={(e) => {
                const chosen = CHANGE_TYPES.find((t) => t === e.currentTarget.value);
                const next = { ...draft };
                if (chosen) next.changeType = chosen;
                else delete next.changeType;
                setDraft(next);
              }}
            >
              <option value="">Any</option>
              {CHANGE_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status" field="status" problem={list.problem}>
          {(attrs) => (
            <select
              {...attrs}
              value={draft?.status ?? ''}
              onChange={(e) => {
                const chosen = STATUSES.find((t) => t === e.currentTarget.value);
                const next = { ...draft };
                if (chosen) next.status = chosen;
                else delete next.status;
                setDraft(next);
              }}
            >
              <option value="">Any</option>
              {STATUSES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          )}
        </Field>
        {text('since', 'Published from', 'date')}
        {text('until', 'Published until', 'date')}
        <button type="submit" class="primary">
          Apply filters
        </button>
      </form>
      <Loading loading={list.loading && !list.data} problem={list.problem} />
      {list.data && list.data.items.length === 0 && <p>No policy changes match.</p>}
      <ol class="timeline">
        {list.data?.items.map((c) => (
          <ChangeRow key={c.id} change={c} admin={admin} />
        ))}
      </ol>
      <Pager
        page={pages.page}
        nextCursor={list.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
      <RegimePanel />
    </section>
  );
}

/** What is in force on one lane (material, origin, destination) at an instant. */
function RegimePanel() {
  const [material, setMaterial] = useState('');
  const [origin, setOrigin] = useState('');
  const [destination, setDestination] = useState('');
  const [at, setAt] = useState('');
  const lookup = useAction(() =>
    result(
      api.GET('/v1/regime', {
        params: {
          query: {
            material,
            ...(origin ? { origin } : {}),
            ...(destination ? { destination } : {}),
            ...(at ? { at: new Date(at).toISOString() } : {}),
          },
        },
      }),
    ),
  );
  const [regime, setRegime] = useState<Schemas['Regime'] | undefined>(undefined);
  return (
    <section aria-labelledby="regime">
      <h2 id="regime">Regime in force on a lane</h2>
      <form
        class="filters-bar"
        onSubmit={async (e) => {
          e.preventDefault();
          setRegime(await lookup.run());
        }}
      >
        <Field label="Material" field="material" problem={lookup.problem} scope="regime">
          {(attrs) => (
            <input {...attrs} value={material} onInput={(e) => setMaterial(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Origin" field="origin" problem={lookup.problem} scope="regime">
          {(attrs) => <input {...attrs} value={origin} onInput={(e) => setOrigin(e.currentTarget.value)} />}
        </Field>
        <Field label="Destination" field="destination" problem={lookup.problem} scope="regime">
          {(attrs) => (
            <input {...attrs} value={destination} onInput={(e) => setDestination(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="At (your time; blank: now)" field="at" problem={lookup.problem} scope="regime">
          {(attrs) => (
            <input
              {...attrs}
              type="datetime-local"
              value={at}
              onInput={(e) => setAt(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={lookup.busy}>
          Show the regime
        </button>
      </form>
      <ProblemBanner problem={lookup.problem} shown={['material', 'origin', 'destination', 'at']} />
      {regime && (
        <div data-testid="regime">
          <p>
            At <time title={regime.at}>{new Date(regime.at).toLocaleString()}</time>: {regime.items.length}{' '}
            change(s) in force{regime.suspended.length ? `, ${regime.suspended.length} suspended` : ''}.
          </p>
          <ol class="timeline">
            {regime.items.map((item) => (
              <ChangeRow key={item.policyChange.id} change={item.policyChange} admin={false} />
            ))}
          </ol>
          {regime.suspended.length > 0 && (
            <>
              <h3>Suspended</h3>
              <ol class="timeline">
                {regime.suspended.map((item) => (
                  <ChangeRow key={item.policyChange.id} change={item.policyChange} admin={false} />
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </section>
  );
}
