import { useState } from 'preact/hooks';
import { CHANGE_EVENT_TYPES } from '../../../shared/model/delivery';
import { api, result, type Schemas } from '../api/client';
import { navigate } from '../router';
import { CopyButton, Loading, useData } from '../ui/data';
import { DeliveryLog } from '../ui/delivery-log';
import { Field, ProblemBanner, useAction } from '../ui/forms';
import { profileSummary } from '../ui/profile-editor';
import { ReachPanel } from '../ui/reach-panel';
import { PagedTable } from '../ui/table';
import { Time } from '../ui/time';
import { VerifySnippets } from '../ui/verify-snippets';
import { WebhookHealth } from '../ui/webhook-health';
import { takeSecret } from './secrets';
import { channelsOf, filtersSummary, PauseResume } from './subscriptions';

type Subscription = Schemas['Subscription'];

/** One subscription: its secret (once), test event, rotation, pause, and the delivery log. */
export function SubscriptionDetailPage({ id }: { id: string }) {
  const sub = useData(() => result(api.GET('/v1/subscriptions/{id}', { params: { path: { id } } })), [id]);
  const [secret, setSecret] = useState(() => takeSecret(id));
  const [logVersion, setLogVersion] = useState(0);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const [testType, setTestType] = useState<(typeof CHANGE_EVENT_TYPES)[number]>('subscription.test');
  const test = useAction(async () => {
    const delivery = await result(
      api.POST('/v1/subscriptions/{id}/test', { params: { path: { id } }, body: { type: testType } }),
    );
    setNotice(`Test event ${delivery.type} queued (webhook-id ${delivery.webhookId}).`);
    // The dispatcher sends it within moments: show the log again shortly after.
    setTimeout(() => setLogVersion((v) => v + 1), 700);
    setLogVersion((v) => v + 1);
  });
  const rotate = useAction(async () => {
    const rotated = await result(
      api.POST('/v1/subscriptions/{id}/rotate-secret', { params: { path: { id } } }),
    );
    setSecret(rotated.secret);
    setNotice(
      rotated.previousSecretsExpireAt
        ? `New secret created. The previous one keeps signing until ${new Date(rotated.previousSecretsExpireAt).toLocaleString()}.`
        : 'New secret created.',
    );
  });
  const status = useAction(async (next: 'active' | 'paused') => {
    sub.setData(
      await result(api.PATCH('/v1/subscriptions/{id}', { params: { path: { id } }, body: { status: next } })),
    );
  });
  const remove = useAction(async () => {
    if (!window.confirm('Delete this subscription? Pending deliveries will not be sent.')) return;
    await result(api.DELETE('/v1/subscriptions/{id}', { params: { path: { id } } }));
    navigate('/subscriptions');
  });

  const s = sub.data;
  if (!s) return <Loading loading={sub.loading} problem={sub.problem} />;
  return (
    <section>
      <div class="heading">
        <h1>{s.name}</h1>
        <span class={`badge ${s.status}`}>{s.status}</span>
      </div>
      {notice && <output class="notice">{notice}</output>}
      {[test, rotate, status, remove].map((a, i) => (
        <ProblemBanner key={i} problem={a.problem} />
      ))}
      {secret && (
        <section class="secret" aria-label="Webhook signing secret">
          <h2>Webhook signing secret</h2>
          <p>
            Store it now: it is shown only this once. Your receiver verifies each alert's signature with it.
          </p>
          <code data-testid="webhook-secret">{secret}</code> <CopyButton text={secret} label="Copy secret" />
        </section>
      )}
      {s.webhook && <VerifySnippets open={Boolean(secret)} />}
      <dl class="facts">
        <dt>Filters</dt>
        <dd>{filtersSummary(s.filters)}</dd>
        <dt>Profile</dt>
        <dd data-profile>{profileSummary(s.profile)}</dd>
        <dt>Channels</dt>
        <dd>{channelsOf(s)}</dd>
        {s.webhook && (
          <>
            <dt>Webhook</dt>
            <dd>
              <code>{s.webhook.url}</code> · {s.webhook.status}
              {s.webhook.disabledReason ? ` (${s.webhook.disabledReason})` : ''}
              {s.webhook.lastSuccessAt && (
                <>
                  {' '}
                  · last success <Time iso={s.webhook.lastSuccessAt} />
                </>
              )}
            </dd>
          </>
        )}
        <dt>Created</dt>
        <dd>
          <Time iso={s.createdAt} />
        </dd>
      </dl>
      <div class="toolbar">
        <a class="button" href={`#/subscriptions/${id}/edit`}>
          Edit
        </a>
        {s.webhook && (
          <span class="test-event">
            <label for="test-event-type">Test event type</label>{' '}
            <select
              id="test-event-type"
              value={testType}
              onChange={(e) => setTestType(e.currentTarget.value as (typeof CHANGE_EVENT_TYPES)[number])}
            >
              {CHANGE_EVENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>{' '}
            <button type="button" disabled={test.busy} onClick={() => test.run()}>
              Send test event
            </button>
          </span>
        )}
        {s.webhook && (
          <button type="button" disabled={rotate.busy} onClick={() => rotate.run()}>
            Rotate secret
          </button>
        )}
        <PauseResume
          status={s.status}
          onPause={() => status.run('paused')}
          onResume={() => status.run('active')}
        />
        <button type="button" class="danger" onClick={() => remove.run()}>
          Delete
        </button>
      </div>
      <ReachPanel subscription={s} onSent={() => setLogVersion((v) => v + 1)} />
      {s.sms && s.sms.length > 0 && <SmsNumbers subscription={s} onChanged={sub.setData} />}
      {s.webhook && <WebhookHealth subscription={s} version={logVersion} onChanged={sub.setData} />}
      <DeliveryLog subscriptionId={id} version={logVersion} />
    </section>
  );
}

/**
 * The subscription's phone numbers: only confirmed ones receive alerts, so each pending number
 * takes the six-digit code texted to it, or asks for a new one.
 */
function SmsNumbers({
  subscription,
  onChanged,
}: {
  subscription: Subscription;
  onChanged: (s: Subscription) => void;
}) {
  return (
    <section aria-labelledby="sms-numbers">
      <h2 id="sms-numbers">SMS numbers</h2>
      <ul class="sms-numbers">
        {(subscription.sms ?? []).map((phoneNumber) => (
          <SmsNumber
            key={phoneNumber}
            subscriptionId={subscription.id}
            phoneNumber={phoneNumber}
            status={subscription.smsStatus?.[phoneNumber] ?? 'pending'}
            onChanged={onChanged}
          />
        ))}
      </ul>
    </section>
  );
}

function SmsNumber(props: {
  subscriptionId: string;
  phoneNumber: string;
  status: 'pending' | 'confirmed';
  onChanged: (s: Subscription) => void;
}) {
  const { subscriptionId, phoneNumber } = props;
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const path = { params: { path: { id: subscriptionId } } };
  const confirm = useAction(async () => {
    setNotice(undefined);
    props.onChanged(
      await result(api.POST('/v1/subscriptions/{id}/sms/confirm', { ...path, body: { phoneNumber, code } })),
    );
  });
  const resend = useAction(async () => {
    setNotice(undefined);
    // A new code makes the last try's verdict moot.
    confirm.setProblem(undefined);
    props.onChanged(
      await result(api.POST('/v1/subscriptions/{id}/sms/resend', { ...path, body: { phoneNumber } })),
    );
    setNotice(`A new code was texted to ${phoneNumber}; the previous one no longer works.`);
  });
  const scope = `sms-${phoneNumber.replace(/\D/g, '')}`;
  return (
    <li class="card" data-sms={phoneNumber}>
      <p>
        <code>{phoneNumber}</code> <span class={`badge ${props.status}`}>{props.status}</span>
      </p>
      {props.status === 'pending' && (
        <>
          {notice && <output class="notice">{notice}</output>}
          <ProblemBanner problem={confirm.problem} shown={['code']} />
          <ProblemBanner problem={resend.problem} />
          <Field
            label={`Code texted to ${phoneNumber}`}
            field="code"
            problem={confirm.problem}
            scope={scope}
            hint="Six digits; only confirmed numbers receive alerts."
          >
            {(attrs) => (
              <input
                {...attrs}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onInput={(e) => setCode(e.currentTarget.value.trim())}
              />
            )}
          </Field>
          <div class="toolbar">
            <button type="button" class="primary" disabled={confirm.busy} onClick={() => confirm.run()}>
              Confirm number
            </button>
            <button type="button" disabled={resend.busy} onClick={() => resend.run()}>
              Text a new code
            </button>
          </div>
        </>
      )}
    </li>
  );
}
