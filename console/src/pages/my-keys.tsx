import { useState } from 'preact/hooks';
import { api, result } from '../api/client';
import { CopyButton, Loading, useData } from '../ui/data';
import { Field, ProblemBanner, useAction } from '../ui/forms';
import { keyTable, ListTable } from '../ui/table';

/** A subscriber's own keys: a second one for a rotation, revoking the old one. */
export function MyKeysPage() {
  const keys = useData(() => result(api.GET('/v1/me/api-keys')), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | undefined>(undefined);
  const create = useAction(async () => {
    const out = await result(api.POST('/v1/me/api-keys', { body: name ? { name } : {} }));
    setCreated(out.apiKey);
    await keys.reload();
  });
  const revoke = useAction(async (keyId: string) => {
    if (!window.confirm(`Revoke ${keyId}?`)) return;
    await result(api.DELETE('/v1/me/api-keys/{keyId}', { params: { path: { keyId } } }));
    await keys.reload();
  });
  return (
    <section>
      <h1>API keys</h1>
      <p>
        To rotate your key without downtime: create a second key, move your systems to it, then revoke the old
        one.
      </p>
      {created && (
        <section class="secret" aria-label="New API key">
          <p>Your new key, shown only this once:</p>
          <code>{created}</code> <CopyButton text={created} label="Copy key" />
        </section>
      )}
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
        <Field label="Label for the new key (optional)" field="name" problem={create.problem}>
          {(attrs) => <input {...attrs} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <button type="submit" disabled={create.busy}>
          Create a second key
        </button>
      </form>
      <ProblemBanner problem={create.problem} shown={['name']} />
      <ProblemBanner problem={revoke.problem} />
      <Loading loading={keys.loading && !keys.data} problem={keys.problem} />
      <ListTable caption="Your API keys" items={keys.data?.items} {...keyTable(false, revoke.run)} />
    </section>
  );
}
