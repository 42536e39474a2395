import * as AdaptiveCards from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { chatSummary } from '../../shared/delivery/chat/chat-summary.js';
import { slackMessage } from '../../shared/delivery/chat/slack-message.js';
import { teamsCard } from '../../shared/delivery/chat/teams-card.js';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import {
  answer,
  createAlert,
  createSubscription,
  type Hit,
  makeChange,
  makeDeps,
  receiver,
  stored,
  table,
  useDispatcherHarness,
} from './dispatcher-harness.js';

// Slack and Teams deliveries: real receivers on 127.0.0.1 stand in for each product's endpoint.
useDispatcherHarness();

/** Slack's published Block Kit limits (api.slack.com/reference/block-kit), written here independently of the code. */
const BLOCK_KIT = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonUrl: 3000,
  actionElements: 25,
  blockTypes: ['header', 'section', 'actions', 'context', 'divider'],
} as const;

type Json = Record<string, unknown>;

/** The Block Kit rules a message breaks; empty when Slack would take it. */
function blockKitViolations(message: Json): string[] {
  const problems: string[] = [];
  const blocks = message.blocks as Json[];
  if (!Array.isArray(blocks) || blocks.length === 0) return ['no blocks'];
  if (blocks.length > BLOCK_KIT.blocksPerMessage) problems.push(`${blocks.length} blocks`);
  if (typeof message.text !== 'string' || message.text === '') problems.push('no fallback text');
  for (const block of blocks) {
    const type = String(block.type);
    if (!(BLOCK_KIT.blockTypes as readonly string[]).includes(type)) problems.push(`block type ${type}`);
    const text = block.text as { type: string; text: string } | undefined;
    if (type === 'header') {
      if (text?.type !== 'plain_text') problems.push('header text is not plain_text');
      if ((text?.text.length ?? 0) > BLOCK_KIT.headerText) problems.push(`header of ${text?.text.length}`);
    }
    if (type === 'section') {
      const fields = (block.fields as { text: string }[] | undefined) ?? [];
      if (!text && fields.length === 0) problems.push('section without text or fields');
      if ((text?.text.length ?? 0) > BLOCK_KIT.sectionText) problems.push('section text too long');
      if (fields.length > BLOCK_KIT.fieldsPerSection) problems.push(`${fields.length} fields`);
      for (const field of fields)
        if (field.text.length > BLOCK_KIT.fieldText) problems.push('field too long');
    }
    if (type === 'actions') {
      const elements = block.elements as { text: { text: string }; url?: string }[];
      if (elements.length > BLOCK_KIT.actionElements) problems.push('too many actions');
      for (const element of elements) {
        if (element.text.text.length > BLOCK_KIT.buttonText) problems.push('button text too long');
        if ((element.url?.length ?? 0) > BLOCK_KIT.buttonUrl) problems.push('button url too long');
      }
    }
  }
  return problems;
}

/** What the Adaptive Cards library reports while parsing and validating the card. */
function adaptiveCardErrors(card: unknown): string[] {
  const parsed = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...events, ...parsed.validateProperties().validationEvents.map((event) => event.message)];
}

const bodyOf = (hit: Hit | undefined): Json => JSON.parse(hit?.body.toString('utf8') ?? 'null') as Json;

function changeAlert(subscription: { id: string; subscriberId: string }, title?: string) {
  const change = { ...makeChange(), ...(title ? { title } : {}), expiresAt: '2026-11-27T00:00:00.000Z' };
  return buildAlert({
    change,
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type: 'policy_change.published',
    match: { materials: [{ change: 'gallium', filter: 'gallium' }] },
    applicability: {
      verdict: 'does-not-apply',
      reasons: [
        {
          condition: { type: 'end-use', effect: 'restricts', values: ['military'] },
          profileField: 'endUses',
          result: 'does-not-apply',
          text: 'restricted to military end use; your end uses are civilian',
        },
      ],
      requires: [],
    },
    now: new Date(),
  });
}

describe('Slack and Teams deliveries', () => {
  it('posts a Block Kit message within Slack limits with the title, verdict, materials, lanes, dates, status and link', async () => {
    const slack = await receiver(answer(200, 'ok'));
    const subscription = await createSubscription({ slack: { url: slack.url } });
    const alert = changeAlert(subscription);
    const { toSend } = await table.deliveries.createAlert(alert, ['slack']);
    const deliveryId = toSend[0]?.id ?? '';
    expect(deliveryId).toMatch(/_slack$/);

    const deps = makeDeps({ consoleUrl: 'https://alerts.example.com/console/' });
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'done' });
    expect(slack.hits).toHaveLength(1);
    expect(slack.hits[0]?.headers['content-type']).toBe('application/json');
    expect(slack.hits[0]?.headers['webhook-signature']).toBeUndefined();
    const message = bodyOf(slack.hits[0]);
    expect(blockKitViolations(message)).toEqual([]);
    const text = JSON.stringify(message);
    expect(text).toContain('New: Export controls on gallium and germanium items');
    expect(text).toContain('Applies to you: no (restricted to military end use; your end uses are civilian)');
    expect(text).toContain('gallium, germanium');
    expect(text).toContain('CN → *');
    expect(text).toContain('effective 2023-08-01');
    expect(text).toContain('expires 2026-11-27');
    expect(text).toContain(`https://alerts.example.com/console/#/timeline?change=${alert.policyChangeId}`);
    expect((await stored(deliveryId)).status).toBe('delivered');
  });

  it('keeps a very long title and many materials within the Block Kit limits', async () => {
    const summary = chatSummary(changeAlert({ id: 'sub_x', subscriberId: 'sbr_x' }, 'Ü'.repeat(500)).payload);
    if (!summary) throw new Error('no summary');
    summary.facts[0] = { title: 'Materials', value: 'gallium, '.repeat(400) };
    const message = slackMessage(summary) as unknown as Json;
    expect(blockKitViolations(message)).toEqual([]);
    expect(
      blockKitViolations({
        ...message,
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
      }),
    ).toEqual(['header of 151']);
  });

  it('posts an Adaptive Card that the Adaptive Cards library parses without errors', async () => {
    const teams = await receiver(answer(202));
    const subscription = await createSubscription({ teams: { url: teams.url } });
    const { deliveryIds } = await createAlert(subscription, ['teams']);
    expect(await dispatchDelivery(makeDeps(), deliveryIds[0] ?? '')).toEqual({ kind: 'done' });
    const message = bodyOf(teams.hits[0]);
    expect(message.type).toBe('message');
    const [attachment] = message.attachments as Json[];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptiveCardErrors(attachment?.content)).toEqual([]);
    const text = JSON.stringify(attachment?.content);
    expect(text).toContain('Export controls on gallium and germanium items');
    expect(text).toContain('"title":"Lanes","value":"CN → *"');
    // The check can fail: an element the schema does not know is reported.
    expect(
      adaptiveCardErrors({ ...teamsCard({ title: 't', facts: [] }), body: [{ type: 'Bogus' }] }),
    ).not.toEqual([]);
  });

  it('retries a chat endpoint that fails, as a webhook is retried, and keeps every attempt in the log', async () => {
    let calls = 0;
    const slack = await receiver((_req, res) => {
      calls += 1;
      res.writeHead(calls === 1 ? 503 : 200, { 'retry-after': '0' });
      res.end(calls === 1 ? 'busy' : 'ok');
    });
    const subscription = await createSubscription({ slack: { url: slack.url } });
    const { deliveryIds } = await createAlert(subscription, ['slack']);
    const deliveryId = deliveryIds[0] ?? '';
    const first = await dispatchDelivery(makeDeps(), deliveryId);
    expect(first.kind).toBe('retry');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await dispatchDelivery(makeDeps(), deliveryId)).toEqual({ kind: 'done' });
    const delivery = await stored(deliveryId);
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((attempt) => attempt.statusCode)).toEqual([503, 200]);
  });

  it('ends a chat delivery dead when its channel was removed from the subscription', async () => {
    const subscription = await createSubscription({ email: ['lead@example.com'] });
    const { deliveryIds } = await createAlert(subscription, ['teams']);
    const result = await dispatchDelivery(makeDeps(), deliveryIds[0] ?? '');
    expect(result).toEqual({ kind: 'done', deadReason: 'teams removed from the subscription' });
  });
});
