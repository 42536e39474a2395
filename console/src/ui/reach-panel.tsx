import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api, result, type Schemas } from '../api/client';
import { Loading, useData } from './data';
import { ProblemBanner, useAction } from './forms';
import { digestTime } from './reach-editor';

type Subscription = Schemas['Subscription'];

/**
 * A subscription's Slack and Teams channels, each with a test message, and its digest: the
 * schedule, when the next one goes and what it holds so far.
 */
export function ReachPanel({ subscription, onSent }: { subscription: Subscription; onSent: () => void }) {
  const { slack, teams, digest } = subscription;
  if (!slack && !teams && !digest) return null;
  return (
    <section class="reach" aria-labelledby="reach-heading">
      <h2 id="reach-heading">Chat and digest</h2>
      {(slack || teams) && <ChatChannels subscription={subscription} onSent={onSent} />}
      {digest && <DigestPreview subscription={subscription} />}
    </section>
  );
}

function ChatChannels({ subscription, onSent }: { subscription: Subscription; onSent: () => void }) {
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const test = useAction(async (channel: 'slack' | 'teams') => {
    const delivery = await result(
      api.POST('/v1/subscriptions/{id}/chat-test', {
        params: { path: { id: subscription.id } },
        body: { channel },
      }),
    );
    setNotice(`Test message to ${channel === 'slack' ? 'Slack' : 'Teams'} queued (delivery ${delivery.id}).`);
    onSent();
    // The dispatcher sends it within moments: show the log again shortly after.
    setTimeout(onSent, 700);
  });
  const channels = [
    ['slack', 'Slack', subscription.slack?.url],
    ['teams', 'Teams', subscription.teams?.url],
  ] as const;
  return (
    <>
      {notice && <output class="notice">{notice}</output>}
      <ProblemBanner problem={test.problem} />
      <dl class="facts">
        {channels.map(([channel, label, url]) =>
          url ? (
            <Fragment key={channel}>
              <dt>{label}</dt>
              <dd data-channel={channel}>
                <code>{url}</code>{' '}
                <button type="button" disabled={test.busy} onClick={() => test.run(channel)}>
                  Send test message to {label}
                </button>
              </dd>
            </Fragment>
          ) : null,
        )}
      </dl>
    </>
  );
}

function DigestPreview({ subscription }: { subscription: Subscription }) {
  const { digest } = subscription;
  const preview = useData(
    () => result(api.GET('/v1/subscriptions/{id}/digest', { params: { path: { id: subscription.id } } })),
    [subscription.id, subscription.version],
  );
  if (!digest) return null;
  const schedule = `${digest.frequency === 'weekly' ? `Every ${digest.weekday}` : 'Every day'} at ${String(digest.hour).padStart(2, '0')}:00, ${digest.timeZone}`;
  const p = preview.data;
  return (
    <div data-digest>
      <p>
        <strong>Digest:</strong> {schedule}. The webhook and e-mail get one message per period; SMS, Slack and
        Teams stay immediate.
      </p>
      {!p ? (
        <Loading loading={preview.loading} problem={preview.problem} />
      ) : (
        <>
          <p data-next-digest-at={p.nextAt}>
            Next digest: {p.nextAt ? digestTime(p.nextAt, digest.timeZone) : 'not scheduled'}
            {' · '}
            {p.items.length === 0
              ? 'nothing gathered so far (an empty period sends nothing)'
              : `${p.items.length} change${p.items.length === 1 ? '' : 's'} so far:`}
          </p>
          {p.items.length > 0 && (
            <ul>
              {p.items.map((item) => (
                <li key={item.policyChangeId}>
                  {item.title} ({item.events.length} alert{item.events.length === 1 ? '' : 's'})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
