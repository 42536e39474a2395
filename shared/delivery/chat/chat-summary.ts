/**
 * What a chat message says about an alert, read from the alert's webhook payload (the same bytes a
 * webhook receives), so Slack and Teams show exactly what the signed event carries.
 */
import * as z from 'zod';
import { applicabilityLine } from '../../matching/applicability.js';
import { EVENT_LABELS } from '../../matching/build-alert.js';
import { ApplicabilitySchema } from '../../model/profile.js';

const PayloadSchema = z.object({
  type: z.string(),
  timestamp: z.string(),
  data: z.object({
    alertId: z.string(),
    applicability: ApplicabilitySchema.optional(),
    statusChange: z.object({ from: z.string(), to: z.string() }).optional(),
    policyChange: z.object({
      id: z.string(),
      title: z.string(),
      issuingRegion: z.string(),
      affectedRegions: z.array(z.string()),
      originRegions: z.array(z.string()).optional(),
      materials: z.array(z.string()),
      changeType: z.string(),
      severity: z.string(),
      status: z.string().optional(),
      publishedAt: z.string().optional(),
      effectiveAt: z.string().optional(),
      expiresAt: z.string().optional(),
      url: z.string().optional(),
    }),
  }),
});

/** The facts a chat message shows, in the order it shows them. */
export interface ChatSummary {
  /** `New: …`, `Status changed: …`, `Test: …` */
  title: string;
  /** `Applies to you: yes`, or absent when the alert carries no verdict (test events). */
  verdict?: string;
  facts: { title: string; value: string }[];
  /** Where the change is shown: the console when its address is known, else the source. */
  link?: string;
}

/**
 * The summary of one alert payload; undefined when the payload is not an alert about a change.
 *
 * @example
 * chatSummary(alert.payload, 'https://alerts.example.com/console/')?.title // 'New: Export ban on gallium'
 */
export function chatSummary(payload: string, consoleUrl?: string): ChatSummary | undefined {
  let body: z.infer<typeof PayloadSchema>;
  try {
    body = PayloadSchema.parse(JSON.parse(payload));
  } catch {
    return undefined;
  }
  const { policyChange: change, applicability, statusChange } = body.data;
  const label = (EVENT_LABELS as Record<string, string>)[body.type] ?? body.type;
  const lanes = `${(change.originRegions ?? [change.issuingRegion]).join(', ')} → ${change.affectedRegions.join(', ')}`;
  const dates = [
    change.publishedAt ? `published ${day(change.publishedAt)}` : undefined,
    change.effectiveAt ? `effective ${day(change.effectiveAt)}` : undefined,
    change.expiresAt ? `expires ${day(change.expiresAt)}` : undefined,
  ].filter((part) => part !== undefined);
  const status = statusChange ? `${statusChange.to} (was ${statusChange.from})` : change.status;
  const facts = [
    { title: 'Materials', value: change.materials.join(', ') || '—' },
    { title: 'Lanes', value: lanes },
    {
      title: 'Issued by',
      value: `${change.issuingRegion}, ${change.changeType}, ${change.severity} severity`,
    },
    ...(dates.length > 0 ? [{ title: 'Dates', value: dates.join('; ') }] : []),
    ...(status ? [{ title: 'Status', value: status }] : []),
  ];
  const link = consoleUrl ? changeLink(consoleUrl, change.id) : change.url;
  return {
    title: `${label}: ${change.title}`,
    ...(applicability ? { verdict: applicabilityLine(applicability) } : {}),
    facts,
    ...(link ? { link } : {}),
  };
}

/** The change on the console's policy-change page. */
export function changeLink(consoleUrl: string, policyChangeId: string): string {
  const base = consoleUrl.endsWith('/') ? consoleUrl : `${consoleUrl}/`;
  return `${base}#/timeline?change=${encodeURIComponent(policyChangeId)}`;
}

/** The date part of an ISO timestamp (a date alone stays as it is). */
function day(at: string): string {
  return at.slice(0, 10);
}

/** Cuts `text` to `max` characters, ending in an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
