import { useState } from 'preact/hooks';
import { type Role, session, whoAmI } from '../api/client';
import { Field, ProblemBanner, useAction } from '../ui/forms';

/** Sign in with an API key; it is kept for this tab only (sessionStorage). */
export function SignInPage({ onSignedIn }: { onSignedIn: (role: Role) => void }) {
  const [key, setKey] = useState('');
  const signIn = useAction(async () => {
    session.signIn(key.trim());
    try {
      onSignedIn(await whoAmI());
    } catch (error) {
      session.signOut();
      throw error;
    }
  });
  return (
    <main id="main" class="sign-in">
      <h1>Material Alerts</h1>
      <p>Export-control alerts for strategic materials. Sign in with your API key.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void signIn.run();
        }}
      >
        <ProblemBanner problem={signIn.problem} />
        <Field
          label="API key"
          field="apiKey"
          problem={signIn.problem}
          hint="A subscriber or admin key. It stays in this browser tab only and is forgotten when the tab closes."
        >
          {(attrs) => (
            <input
              {...attrs}
              type="password"
              autoComplete="off"
              value={key}
              onInput={(e) => setKey(e.currentTarget.value)}
            />
          )}
        </Field>
        <button class="primary" type="submit" disabled={signIn.busy || !key.trim()}>
          Sign in
        </button>
      </form>
      <p>
        <a href="/docs">API reference</a>
      </p>
    </main>
  );
}
