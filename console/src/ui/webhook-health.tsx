import { useState } from 'preact/hooks';
import { api, result, type Schemas } from '../api/client';
import { useData } from './data';
import { Field, ProblemBanner, useAction } from './forms';
import { Time } from './time';

type Subscription = Schemas['Subscription'];
type Rate = Schemas['EndpointHealth']['day'];

function percent(rate: Rate): string {
  return rate.successRate === undefined
    ? 'no attempts'
    : `${Math.round(rate.successRate * 1000) / 10}% of ${rate.attempts} attempt${rate.attempts === 1 ? '' : 's'}`;
}

/**
 * How the subscription's webhook is doing: success rates, recent failures, the circuit breaker,
 * the rate limit (editable), and switching the webhook off and on by hand.
 */
export function WebhookHealth(props: {
  subscription: Subscription;
  version: number;
  onChanged: (s: Subscription) => void;
}) {
  const id = props.subscription.id;
  const path = { params: { path: { id } } };
  const health = useData(
    () => result(api.GET('/v1/subscriptions/{id}/webhook/health', path)),
    [id, props.version, props.subscription.version],
  );
  const [rate, setRate] = useState('');
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const saveRate = useAction(async () => {
    // Blank is 0 and text is NaN (sent as null): the API names what is wrong with either.
    const saved = await result(
      api.PATCH('/v1/subscriptions/{id}', { ...path, body: { webhook: { rateLimit: Number(rate) } } }),
    );
    props.onChanged(saved);
    setRate('');
    setNotice(`Rate limit saved: at most ${saved.webhook?.rateLimit} deliveries per second.`);
  });
  const toggle = useAction(async (to: 'enable' | 'disable') => {
    if (
      to === 'disable' &&
      !window.confirm('Disable this webhook? New alerts to it will not be sent until you enable it.')
    )
      return;
    const saved = await result(
      to === 'disable'
        ? api.POST('/v1/subscriptions/{id}/webhook/disable', path)
        : api.POST('/v1/subscriptions/{id}/webhook/enable', path),
    );
    props.onChanged(saved);
    setNotice(
      to === 'disable'
        ? 'Webhook disabled. Alerts meanwhile end dead; enable it, then Recover sends them.'
        : 'Webhook enabled. Use Recover below to send what it missed.',
    );
  });
  const h = health.data;
  return (
    <section aria-labelledby="webhook-health" class="card health">
      <h2 id="webhook-health">Webhook health</h2>
      {notice && (
        <output class="notice" data-health-notice>
          {notice}
        </output>
      )}
      <ProblemBanner problem={health.problem} />
      <ProblemBanner problem={toggle.problem} />
      {h && (
        <dl class="facts">
          <dt>Last 24 hours</dt>
          <dd data-rate="day">{percent(h.day)} succeeded</dd>
          <dt>Last 7 days</dt>
          <dd data-rate="week">
            {percent(h.week)} succeeded{h.partial ? ' (newest 1000 deliveries)' : ''}
          </dd>
          <dt>Circuit breaker</dt>
          <dd data-circuit={h.circuit.state}>
            {h.circuit.state === 'closed' ? (
              'closed: sending normally'
            ) : (
              <>
                {h.circuit.state} after {h.circuit.failures} failures in a row; probe{' '}
                <Time iso={h.circuit.probeAt} />
              </>
            )}
          </dd>
          <dt>Status</dt>
          <dd data-webhook-status={h.status}>
            <span class={`badge ${h.status}`}>{h.status}</span>
            {h.disabledReason ? ` (${h.disabledReason})` : ''}
          </dd>
          <dt>Rate limit</dt>
          <dd data-rate-limit>{h.rateLimit} deliveries per second</dd>
        </dl>
      )}
      <div class="toolbar">
        {props.subscription.webhook?.status === 'disabled' ? (
          <button type="button" disabled={toggle.busy} onClick={() => toggle.run('enable')}>
            Enable webhook
          </button>
        ) : (
          <button type="button" class="danger" disabled={toggle.busy} onClick={() => toggle.run('disable')}>
            Disable webhook
          </button>
        )}
      </div>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void saveRate.run();
        }}
      >
        <Field
          label="New rate limit (deliveries per second)"
          field="webhook.rateLimit"
          problem={saveRate.problem}
          scope="health"
          hint="From 0.1 to 1000."
        >
          {(attrs) => (
            <input
              {...attrs}
              inputMode="decimal"
              value={rate}
              onInput={(e) => setRate(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={saveRate.busy}>
          Save rate limit
        </button>
      </form>
      <ProblemBanner problem={saveRate.problem} shown={['webhook.rateLimit']} />
      {h && h.recentFailures.length > 0 && (
        <>
          <h3>Recent failures</h3>
          <ul class="recent-failures">
            {h.recentFailures.map((f) => (
              <li key={`${f.deliveryId}-${f.at}`}>
                <Time iso={f.at} /> · {f.statusCode ?? 'no answer'} {f.error ? `· ${f.error}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
