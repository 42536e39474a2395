/**
 * A real example of each event a subscriber can receive, built by the same code that builds
 * alerts, from the first change of the shipped history: for the API description's webhooks and
 * for test events of a chosen type.
 */
import { shippedHistory } from '../ingest/shipped-history/shipped-history.js';
import type { ChangeEventType, EventDetails, WebhookBody } from '../model/delivery.js';
import { type PolicyChange, withChangeDefaults } from '../model/policy-change.js';
import { judgeApplicability } from './applicability.js';
import { buildAlert } from './build-alert.js';

/** What each event type adds beside the change, as an example at `at`. */
export function exampleDetails(type: ChangeEventType, at: Date): EventDetails | undefined {
  if (type === 'policy_change.updated')
    return { changes: [{ field: 'severity', from: 'medium', to: 'high' }] };
  if (type === 'policy_change.status_changed')
    return { statusChange: { from: 'announced', to: 'in-force', at: at.toISOString() } };
  return undefined;
}

/** The example change: China's 2023 licence requirement on gallium and germanium, as shipped. */
function exampleChange(): PolicyChange {
  const [first] = shippedHistory();
  if (!first) throw new Error('the shipped history is empty');
  return withChangeDefaults({
    ...first,
    id: 'pc_0m8example0gallium0germanium',
    revision: 1,
    ingestedAt: '2023-07-03T09:12:00.000Z',
    matching: { status: 'completed', matchedSubscriptions: 1 },
  });
}

/**
 * The body a receiver gets for `type`, exactly as the service builds it (signed as these bytes).
 *
 * @example eventExample('policy_change.published').data.policyChange.title
 */
export function eventExample(type: ChangeEventType): WebhookBody {
  const now = new Date('2023-07-03T09:12:05.000Z');
  const change = exampleChange();
  const details = exampleDetails(type, now);
  const alert = buildAlert({
    change,
    subscriptionId: 'sub_0m8example0subscription000',
    subscriberId: 'sbr_0m8example0subscriber0000',
    type,
    match: { materials: [{ change: 'gallium', filter: 'gallium' }], issuingRegion: 'CN' },
    ...(type === 'subscription.test'
      ? {}
      : { applicability: judgeApplicability(change, { endUses: ['civilian'] }) }),
    now,
    ...(details ? { details } : {}),
  });
  return JSON.parse(alert.payload) as WebhookBody;
}
