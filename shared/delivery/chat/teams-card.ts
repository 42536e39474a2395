/**
 * A Microsoft Teams message: an Adaptive Card (version 1.4, what Teams renders) inside the
 * `message` envelope that Teams workflows ("Post to a channel when a webhook request is received")
 * and connectors accept: the title, the verdict, the facts and a button to the change.
 */
import type { ChatSummary } from './chat-summary.js';

/** The Adaptive Card schema version Teams supports everywhere. */
export const TEAMS_CARD_VERSION = '1.4';

/** The card alone, as the Adaptive Card schema describes it. */
export function teamsCard(summary: ChatSummary) {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: TEAMS_CARD_VERSION,
    body: [
      { type: 'TextBlock', text: summary.title, weight: 'Bolder', size: 'Medium', wrap: true },
      ...(summary.verdict
        ? [{ type: 'TextBlock', text: summary.verdict, weight: 'Bolder', wrap: true }]
        : []),
      { type: 'FactSet', facts: summary.facts.map((fact) => ({ title: fact.title, value: fact.value })) },
    ],
    ...(summary.link
      ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the change', url: summary.link }] }
      : {}),
  };
}

/**
 * The JSON body posted to a Teams workflow or connector URL.
 *
 * @example
 * sender.send({ url, body: JSON.stringify(teamsMessage(summary)), ... })
 */
export function teamsMessage(summary: ChatSummary) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: teamsCard(summary),
      },
    ],
  };
}
