import { useEffect, useState } from 'preact/hooks';
import { type Role, session, whoAmI } from './api/client';
import { AdminAuditPage } from './pages/admin-audit';
import { AdminCataloguePage } from './pages/admin-catalogue';
import { AdminPostChangePage } from './pages/admin-post-change';
import { AdminReviewPage } from './pages/admin-review';
import { AdminSubscriberPage, AdminSubscribersPage } from './pages/admin-subscribers';
import { AdminSubscriptionPage } from './pages/admin-subscription';
import { MyKeysPage } from './pages/my-keys';
import { SignInPage } from './pages/sign-in';
import { SubscriptionDetailPage } from './pages/subscription-detail';
import { SubscriptionFormPage } from './pages/subscription-form';
import { SubscriptionsPage } from './pages/subscriptions';
import { TimelinePage } from './pages/timeline';
import { match, navigate, useRoute } from './router';

const SUBSCRIBER_NAV = [
  ['/subscriptions', 'Subscriptions'],
  ['/timeline', 'Policy changes'],
  ['/keys', 'API keys'],
] as const;
const ADMIN_NAV = [
  ['/admin/subscribers', 'Subscribers and keys'],
  ['/admin/changes', 'Policy changes'],
  ['/admin/post', 'Post a change'],
  ['/admin/review', 'Review queue'],
  ['/admin/catalogue', 'Catalogue'],
  ['/admin/audit', 'Audit trail'],
] as const;

function page(role: Role, path: string) {
  let p: Record<string, string> | undefined;
  if (role === 'subscriber') {
    if (path === '/subscriptions') return <SubscriptionsPage />;
    if (path === '/subscriptions/new') return <SubscriptionFormPage />;
    if ((p = match('/subscriptions/:id/edit', path))) return <SubscriptionFormPage id={p.id ?? ''} />;
    if ((p = match('/subscriptions/:id', path))) return <SubscriptionDetailPage id={p.id ?? ''} />;
    if (path === '/timeline') return <TimelinePage />;
    if (path === '/keys') return <MyKeysPage />;
  } else {
    if (path === '/admin/subscribers') return <AdminSubscribersPage />;
    if ((p = match('/admin/subscribers/:id', path))) return <AdminSubscriberPage id={p.id ?? ''} />;
    if ((p = match('/admin/subscriptions/:id', path))) return <AdminSubscriptionPage id={p.id ?? ''} />;
    if (path === '/admin/changes') return <TimelinePage admin />;
    if (path === '/admin/post') return <AdminPostChangePage />;
    if (path === '/admin/review') return <AdminReviewPage />;
    if (path === '/admin/catalogue') return <AdminCataloguePage />;
    if (path === '/admin/audit') return <AdminAuditPage />;
  }
  return undefined;
}

export function App() {
  const path = useRoute();
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [checking, setChecking] = useState(session.key() !== null);

  // A key kept from earlier in this tab: find out again what it may do.
  useEffect(() => {
    if (!session.key()) return;
    whoAmI()
      .then(setRole)
      .catch(() => session.signOut())
      .finally(() => setChecking(false));
  }, []);

  if (checking) return <p aria-live="polite">Loading…</p>;
  if (!role) {
    return (
      <SignInPage
        onSignedIn={(signedIn) => {
          setRole(signedIn);
          navigate(signedIn === 'admin' ? '/admin/subscribers' : '/subscriptions');
        }}
      />
    );
  }
  const nav = role === 'admin' ? ADMIN_NAV : SUBSCRIBER_NAV;
  const content = page(role, path);
  if (!content) {
    queueMicrotask(() => navigate(nav[0][0]));
  }
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Material Alerts</span>
        <nav aria-label="Console">
          <ul>
            {nav.map(([href, label]) => (
              <li key={href}>
                <a href={`#${href}`} aria-current={path.startsWith(href) ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
            <li>
              <a href="/docs">API docs</a>
            </li>
          </ul>
        </nav>
        <span class="who">{role === 'admin' ? 'Administrator' : 'Subscriber'}</span>
        <button
          type="button"
          onClick={() => {
            session.signOut();
            setRole(undefined);
            navigate('/');
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}
