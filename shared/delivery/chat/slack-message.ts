/**
 * A Slack incoming-webhook message in Block Kit: a header with the title, the verdict, the facts
 * as section fields and a button to the change. Every text is cut to Slack's published limits, so
 * a long title never makes Slack refuse the message.
 */
import { type ChatSummary, clip } from './chat-summary.js';

/** Slack's published Block Kit limits (api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  buttonText: 75,
  url: 3000,
  fallbackText: 40_000,
} as const;

type TextObject = { type: 'plain_text' | 'mrkdwn'; text: string };

/** Slack's mrkdwn treats these three as control characters. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The JSON body posted to a Slack incoming webhook.
 *
 * @example
 * sender.send({ url, body: JSON.stringify(slackMessage(summary)), ... })
 */
export function slackMessage(summary: ChatSummary) {
  const fields: TextObject[] = summary.facts.slice(0, SLACK_LIMITS.sectionFields).map((fact) => ({
    type: 'mrkdwn',
    text: clip(`*${escapeMrkdwn(fact.title)}*\n${escapeMrkdwn(fact.value)}`, SLACK_LIMITS.fieldText),
  }));
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(summary.title, SLACK_LIMITS.headerText) } },
    ...(summary.verdict
      ? [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: clip(`*${escapeMrkdwn(summary.verdict)}*`, SLACK_LIMITS.sectionText),
            },
          },
        ]
      : []),
    { type: 'section', fields },
  ];
  if (summary.link && summary.link.length <= SLACK_LIMITS.url) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the change' },
          url: summary.link,
          action_id: 'open-change',
        },
      ],
    });
  }
  const fallback = [summary.title, summary.verdict, ...summary.facts.map((f) => `${f.title}: ${f.value}`)]
    .filter((line) => line !== undefined)
    .join('\n');
  return { text: clip(fallback, SLACK_LIMITS.fallbackText), blocks };
}
