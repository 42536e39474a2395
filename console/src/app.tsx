import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Role, session, whoAmI } from './api/client';
import { AdminAuditPage } from './pages/admin-audit';
import { AdminCataloguePage } from './pages/admin-catalogue';
import { AdminDeadDeliveriesPage } from './pages/admin-dead-deliveries';
import { AdminPostChangePage } from './pages/admin-post-change';
import { AdminReviewPage } from './pages/admin-review';
import { AdminSubscriberListPage } from './pages/admin-subscriber-list';
import { AdminSubscriberPage, AdminSubscribersPage } from './pages/admin-subscribers';
import { AdminSubscriptionPage } from './pages/admin-subscription';
import { MyProfilePage } from './pages/default-profile';
import { DeliveriesPage } from './pages/deliveries';
import { EventCataloguePage } from './pages/event-catalogue';
import { EventFeedPage } from './pages/event-feed';
import { MyKeysPage } from './pages/my-keys';
import { SignInPage } from './pages/sign-in';
import { SubscriptionDetailPage } from './pages/subscription-detail';
import { SubscriptionFormPage } from './pages/subscription-form';
import { SubscriptionsPage } from './pages/subscriptions';
import { TimelinePage } from './pages/timeline';
import { match, navigate, useRoute } from './router';

const SUBSCRIBER_NAV = [
  ['/subscriptions', 'Subscriptions'],
  ['/deliveries', 'Deliveries'],
  ['/event-types', 'Event types'],
  ['/timeline', 'Policy changes'],
  ['/events', 'Event feed'],
  ['/keys', 'API keys'],
  ['/profile', 'Profile'],
] as const;
const ADMIN_NAV = [
  ['/admin/subscribers', 'Subscribers and keys'],
  ['/admin/by-name', 'Subscribers by name'],
  ['/admin/dead', 'Dead deliveries'],
  ['/admin/changes', 'Policy changes'],
  ['/admin/post', 'Post a change'],
  ['/admin/review', 'Review queue'],
  ['/admin/catalogue', 'Catalogue'],
  ['/admin/audit', 'Audit trail'],
] as const;

type Route = [pattern: string, render: (params: Record<string, string>) => JSX.Element];

const SUBSCRIBER_ROUTES: Route[] = [
  ['/subscriptions', () => <SubscriptionsPage />],
  ['/subscriptions/new', () => <SubscriptionFormPage />],
  ['/subscriptions/:id/edit', (p) => <SubscriptionFormPage id={p.id ?? ''} />],
  ['/subscriptions/:id', (p) => <SubscriptionDetailPage key={p.id} id={p.id ?? ''} />],
  ['/deliveries', () => <DeliveriesPage />],
  ['/event-types', () => <EventCataloguePage />],
  ['/timeline', () => <TimelinePage />],
  ['/events', () => <EventFeedPage />],
  ['/keys', () => <MyKeysPage />],
  ['/profile', () => <MyProfilePage />],
];
const ADMIN_ROUTES: Route[] = [
  ['/admin/subscribers', () => <AdminSubscribersPage />],
  ['/admin/subscribers/:id', (p) => <AdminSubscriberPage id={p.id ?? ''} />],
  ['/admin/subscriptions/:id', (p) => <AdminSubscriptionPage id={p.id ?? ''} />],
  ['/admin/by-name', () => <AdminSubscriberListPage />],
  ['/admin/dead', () => <AdminDeadDeliveriesPage />],
  ['/admin/changes', () => <TimelinePage admin />],
  ['/admin/post', () => <AdminPostChangePage />],
  ['/admin/review', () => <AdminReviewPage />],
  ['/admin/catalogue', () => <AdminCataloguePage />],
  ['/admin/audit', () => <AdminAuditPage />],
];

function page(role: Role, path: string): JSX.Element | undefined {
  for (const [pattern, render] of role === 'admin' ? ADMIN_ROUTES : SUBSCRIBER_ROUTES) {
    const params = match(pattern, path);
    if (params) return render(params);
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
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
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
