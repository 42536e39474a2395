/**
 * A real example of each event a subscriber can receive, built by the same code that builds
 * alerts, from the first change of the shipped history: for the API description's webhooks and
 * for test events of a chosen type.
 */
import type { ChangeEventType, EventDetails, WebhookBody } from '../model/delivery.js';
import { type PolicyChange, type PolicyChangeInput, withChangeDefaults } from '../model/policy-change.js';
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

/**
 * The example: China's 2023 licence requirement on gallium and germanium, the first change of the
 * shipped history (a test holds the two equal). Written out rather than read from the history
 * file, so the API does not carry the whole history, nor parse it when it starts.
 */
export const EXAMPLE_CHANGE_INPUT: PolicyChangeInput = {
  source: 'cn-mofcom',
  sourceRef: 'MOFCOM-2023-23',
  revision: 1,
  title: 'China requires export licences for gallium and germanium items',
  summary:
    'MOFCOM and the General Administration of Customs (Announcement No. 23 of 2023) place gallium items (metal, gallium nitride, oxide, phosphide, arsenide, indium gallium arsenide, selenide, antimonide, in any form incl. wafers) and germanium items (metal, zone-refined ingots, zinc germanium phosphide, epitaxial substrates, germanium dioxide, germanium tetrachloride) under export licensing from 1 August 2023. Exporters apply to MOFCOM with end-user and end-use certificates.',
  url: 'https://www.mondaq.com/china/export-controls--trade--investment-sanctions/1350848/china-releases-latest-export-control-measures-on-gallium-and-germanium',
  issuingRegion: 'CN',
  affectedRegions: ['*'],
  materials: [
    'gallium',
    'germanium',
    'gallium-compounds',
    'germanium-compounds',
    'doped-semiconductor-wafers',
  ],
  hsCodes: [
    '8112929010',
    '8112929090',
    '8112999000',
    '2825909001',
    '2853909026',
    '282560',
    '285000',
    '381800',
  ],
  changeType: 'licence-requirement',
  severity: 'high',
  conditions: [
    {
      type: 'licence',
      effect: 'restricts',
      values: ['individual'],
      text: 'each export needs a MOFCOM licence, applied for with end-user and end-use certificates',
    },
  ],
  publishedAt: '2023-07-03T00:00:00+08:00',
  effectiveAt: '2023-08-01T00:00:00+08:00',
};

function exampleChange(): PolicyChange {
  return withChangeDefaults({
    ...EXAMPLE_CHANGE_INPUT,
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
