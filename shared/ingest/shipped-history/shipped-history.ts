import * as z from 'zod';
import { type PolicyChangeInput, PolicyChangeInputSchema } from '../../model/policy-change.js';
import chinaFile from './china-export-controls-2023-2025.json' with { type: 'json' };
import otherIssuersFile from './other-issuers-2019-2026.json' with { type: 'json' };

const HistoryFileSchema = z.object({ changes: z.array(PolicyChangeInputSchema).min(1) });

/**
 * The export rules the project ships, in the order a loader posts them: China's controls of
 * 2023-2025 (announcements, suspensions, general licences), then the other issuers' (the DRC's
 * cobalt ban and quotas, Zimbabwe's and Indonesia's ore bans, the US affiliates rule). Each file
 * lists targets and earlier revisions before the entries that name them; the other issuers name
 * nothing in China's file, so China's goes first.
 */
export function shippedHistory(): PolicyChangeInput[] {
  return [chinaFile, otherIssuersFile].flatMap((file) => HistoryFileSchema.parse(file).changes);
}

export interface LoadReport {
  created: number;
  unchanged: number;
  /** The change id of each sourceRef posted (revisions of one sourceRef share it). */
  ids: Record<string, string>;
}

/**
 * Posts the shipped history to a running service, in order; a change already there is left as it
 * is (the API answers 200 for a revision it has). Stops at the first refusal, naming the change.
 *
 * @example
 * await loadHistory({ url: 'http://127.0.0.1:3000', apiKey: 'ma_adm_…' });
 */
export async function loadHistory(options: {
  url: string;
  apiKey: string;
  changes?: PolicyChangeInput[];
  fetch?: typeof fetch;
}): Promise<LoadReport> {
  const send = options.fetch ?? fetch;
  const report: LoadReport = { created: 0, unchanged: 0, ids: {} };
  for (const change of options.changes ?? shippedHistory()) {
    const response = await send(new URL('/v1/policy-changes', options.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(change),
    });
    const body = (await response.json().catch(() => ({}))) as { id?: string; detail?: string };
    if (response.status !== 200 && response.status !== 202) {
      throw new Error(
        `${change.sourceRef} was refused with ${response.status}: ${body.detail ?? 'no detail'}`,
      );
    }
    if (response.status === 202) report.created += 1;
    else report.unchanged += 1;
    if (body.id) report.ids[change.sourceRef] = body.id;
  }
  return report;
}
