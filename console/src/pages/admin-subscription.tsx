import { useState } from 'preact/hooks';
import { api, result } from '../api/client';
import { ClausesEditor } from '../ui/clauses-editor';
import { Loading, useData } from '../ui/data';
import { FilterPreview } from '../ui/filter-preview';
import { FILTER_FIELDS, type SubscriptionFilters } from '../ui/filters-editor';
import { ProblemBanner, useAction } from '../ui/forms';
import { cleanProfile, type Profile, ProfileEditor } from '../ui/profile-editor';
import { PauseResume, type Subscription } from './subscriptions';

/** An administrator changes any subscription's filters or pauses it; channels stay the subscriber's. */
export function AdminSubscriptionPage({ id }: { id: string }) {
  const sub = useData(
    () => result(api.GET('/v1/admin/subscriptions/{id}', { params: { path: { id } } })),
    [id],
  );
  if (!sub.data) return <Loading loading={sub.loading} problem={sub.problem} />;
  return <AdminSubscriptionForm subscription={sub.data} onSaved={sub.setData} />;
}

function AdminSubscriptionForm(props: { subscription: Subscription; onSaved: (s: Subscription) => void }) {
  const s = props.subscription;
  const [filters, setFilters] = useState<SubscriptionFilters>(s.filters);
  const [profile, setProfile] = useState<Profile>(s.profile ?? {});
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    props.onSaved(
      await result(
        api.PATCH('/v1/admin/subscriptions/{id}', {
          params: { path: { id: s.id } },
          body: { filters, profile: cleanProfile(profile) ?? null },
        }),
      ),
    );
    setSaved(true);
  });
  const status = useAction(async (action: 'pause' | 'resume') => {
    const path =
      action === 'pause' ? '/v1/admin/subscriptions/{id}/pause' : '/v1/admin/subscriptions/{id}/resume';
    props.onSaved(await result(api.POST(path, { params: { path: { id: s.id } } })));
  });
  return (
    <section>
      <div class="heading">
        <h1>{s.name}</h1>
        <span class={`badge ${s.status}`}>{s.status}</span>
      </div>
      <p class="muted">
        Subscription <code>{s.id}</code> of{' '}
        <a href={`#/admin/subscribers/${s.subscriberId}`}>{s.subscriberId}</a>, version {s.version}
      </p>
      <div class="toolbar">
        <PauseResume
          status={s.status}
          onPause={() => status.run('pause')}
          onResume={() => status.run('resume')}
        />
      </div>
      <ProblemBanner problem={status.problem} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
        noValidate
      >
        <ProblemBanner problem={save.problem} shown={[...FILTER_FIELDS, 'profile']} />
        <ClausesEditor value={filters} onChange={setFilters} problem={save.problem} />
        <h2>Profile</h2>
        <ProfileEditor value={profile} onChange={setProfile} problem={save.problem} field="profile" />
        <FilterPreview filters={filters} profile={cleanProfile(profile)} />
        <div class="form-actions">
          <button class="primary" type="submit" disabled={save.busy}>
            Save filters and profile
          </button>
          {saved && <output>Saved: the subscriber's filters are changed and on the audit trail.</output>}
        </div>
      </form>
    </section>
  );
}
