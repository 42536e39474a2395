import { useState } from 'preact/hooks';
import { api, result, type Schemas } from '../api/client';
import { Loading, useData } from '../ui/data';
import { ProblemBanner, useAction } from '../ui/forms';
import { cleanProfile, type Profile, ProfileEditor } from '../ui/profile-editor';
import { CalendarSettings } from './calendar-settings';

type Subscriber = Schemas['Subscriber'];

/** A subscriber's default profile: what its subscriptions without one of their own are judged on. */
function DefaultProfileForm(props: {
  subscriber: Subscriber;
  save: (profile: Profile | null) => Promise<Subscriber>;
}) {
  const [profile, setProfile] = useState<Profile>(props.subscriber.defaultProfile ?? {});
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    const out = await props.save(cleanProfile(profile) ?? null);
    setProfile(out.defaultProfile ?? {});
    setSaved(true);
  });
  return (
    <form
      class="default-profile"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
      noValidate
    >
      <h2>Default profile</h2>
      <p class="hint">
        Used by every subscription without a profile of its own, to say whether a change applies to you.
      </p>
      <ProblemBanner problem={save.problem} shown={['defaultProfile']} />
      <ProfileEditor value={profile} onChange={setProfile} problem={save.problem} field="defaultProfile" />
      <div class="form-actions">
        <button class="primary" type="submit" disabled={save.busy}>
          Save default profile
        </button>
        {saved && <output>Saved.</output>}
      </div>
    </form>
  );
}

/** The calling subscriber's own default profile. */
export function MyProfilePage() {
  const me = useData(() => result(api.GET('/v1/me/subscriber')), []);
  if (!me.data) return <Loading loading={me.loading} problem={me.problem} />;
  return (
    <section>
      <h1>Your profile</h1>
      <DefaultProfileForm
        subscriber={me.data}
        save={(defaultProfile) => result(api.PATCH('/v1/me/subscriber', { body: { defaultProfile } }))}
      />
      <CalendarSettings />
    </section>
  );
}

/** Any subscriber's default profile, for administrators. */
export function AdminDefaultProfile({ id }: { id: string }) {
  const subscriber = useData(
    () => result(api.GET('/v1/admin/subscribers/{id}', { params: { path: { id } } })),
    [id],
  );
  if (!subscriber.data) return <Loading loading={subscriber.loading} problem={subscriber.problem} />;
  return (
    <DefaultProfileForm
      subscriber={subscriber.data}
      save={(defaultProfile) =>
        result(
          api.PATCH('/v1/admin/subscribers/{id}', { params: { path: { id } }, body: { defaultProfile } }),
        )
      }
    />
  );
}
