import { useState } from 'preact/hooks';
import { api, result } from '../api/client';
import { navigate } from '../router';
import { ClausesEditor, cleanFilters } from '../ui/clauses-editor';
import { Loading, useData } from '../ui/data';
import { FeedChannel } from '../ui/feed-channel';
import { FilterPreview } from '../ui/filter-preview';
import { FILTER_FIELDS, type SubscriptionFilters } from '../ui/filters-editor';
import { Field, ProblemBanner, splitList, useAction } from '../ui/forms';
import { cleanProfile, type Profile, ProfileEditor } from '../ui/profile-editor';
import { REACH_FIELDS, ReachEditor, reachForCreate, reachForUpdate, reachOf } from '../ui/reach-editor';
import { revealSecret } from './secrets';
import type { Subscription } from './subscriptions';

const FORM_FIELDS = [
  'name',
  'webhook',
  'webhook.url',
  'sms',
  'email',
  'feed',
  'profile',
  ...REACH_FIELDS,
  ...FILTER_FIELDS,
];

/** Create (no id) or edit a subscription: filters with the pickers, and its channels. */
export function SubscriptionFormPage({ id }: { id?: string }) {
  const existing = useData(
    async () => (id ? result(api.GET('/v1/subscriptions/{id}', { params: { path: { id } } })) : undefined),
    [id],
  );
  if (id && !existing.data) return <Loading loading={existing.loading} problem={existing.problem} />;
  return <SubscriptionForm existing={existing.data} />;
}

function SubscriptionForm({ existing }: { existing: Subscription | undefined }) {
  const [name, setName] = useState(existing?.name ?? '');
  const [filters, setFilters] = useState<SubscriptionFilters>(existing?.filters ?? { materials: [] });
  const [webhookUrl, setWebhookUrl] = useState(existing?.webhook?.url ?? '');
  const [sms, setSms] = useState((existing?.sms ?? []).join(', '));
  const [email, setEmail] = useState((existing?.email ?? []).join(', '));
  const [feed, setFeed] = useState(existing?.feed === true);
  const [profile, setProfile] = useState<Profile>(existing?.profile ?? {});
  const [reach, setReach] = useState(() => reachOf(existing));

  const save = useAction(async () => {
    const smsList = splitList(sms);
    const emailList = splitList(email);
    const clean = cleanFilters(filters);
    const ownProfile = cleanProfile(profile);
    if (existing) {
      const saved = await result(
        api.PATCH('/v1/subscriptions/{id}', {
          params: { path: { id: existing.id } },
          body: {
            name,
            filters: clean,
            webhook: webhookUrl ? { url: webhookUrl } : null,
            sms: smsList.length ? smsList : null,
            email: emailList.length ? emailList : null,
            feed,
            profile: ownProfile ?? null,
            ...reachForUpdate(reach),
          },
        }),
      );
      if (saved.webhook?.secret) revealSecret(saved.id, saved.webhook.secret);
      navigate(`/subscriptions/${saved.id}`);
    } else {
      const created = await result(
        api.POST('/v1/subscriptions', {
          body: {
            name,
            filters: clean,
            ...(webhookUrl ? { webhook: { url: webhookUrl } } : {}),
            ...(smsList.length ? { sms: smsList } : {}),
            ...(emailList.length ? { email: emailList } : {}),
            ...(feed ? { feed: true } : {}),
            ...(ownProfile ? { profile: ownProfile } : {}),
            ...reachForCreate(reach),
          },
        }),
      );
      if (created.webhook?.secret) revealSecret(created.id, created.webhook.secret);
      navigate(`/subscriptions/${created.id}`);
    }
  });

  return (
    <section>
      <h1>{existing ? `Edit “${existing.name}”` : 'New subscription'}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
        noValidate
      >
        <ProblemBanner problem={save.problem} shown={FORM_FIELDS} />
        <Field label="Name" field="name" problem={save.problem}>
          {(attrs) => <input {...attrs} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <h2>What to hear about</h2>
        <ClausesEditor value={filters} onChange={setFilters} problem={save.problem} />
        <h2>Who you are (does it apply to you?)</h2>
        <p class="hint">Left empty, the subscriber's default profile is used, if it has one.</p>
        <ProfileEditor value={profile} onChange={setProfile} problem={save.problem} field="profile" />
        <FilterPreview filters={filters} profile={cleanProfile(profile)} />
        <h2>Where alerts go</h2>
        <Field
          label="Webhook URL"
          field="webhook"
          problem={save.problem}
          hint="Signed POSTs (Standard Webhooks). The signing secret is shown once, after saving."
        >
          {(attrs) => (
            <input
              {...attrs}
              type="url"
              value={webhookUrl}
              placeholder="https://example.com/hooks/material-alerts"
              onInput={(e) => setWebhookUrl(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="SMS numbers (E.164, comma-separated)" field="sms" problem={save.problem}>
          {(attrs) => (
            <input
              {...attrs}
              value={sms}
              placeholder="+4915112345678"
              onInput={(e) => setSms(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="E-mail addresses (comma-separated)" field="email" problem={save.problem}>
          {(attrs) => <input {...attrs} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        <ReachEditor value={reach} onChange={setReach} problem={save.problem} />
        <FeedChannel checked={feed} onChange={setFeed} problem={save.problem} />
        <div class="form-actions">
          <button class="primary" type="submit" disabled={save.busy}>
            {existing ? 'Save changes' : 'Create subscription'}
          </button>
          <a class="button" href={existing ? `#/subscriptions/${existing.id}` : '#/subscriptions'}>
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}
