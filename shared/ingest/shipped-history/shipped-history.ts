import * as z from 'zod';
import { type PolicyChangeInput, PolicyChangeInputSchema } from '../../model/policy-change.js';
import historyFile from './china-export-controls-2023-2025.json' with { type: 'json' };

const HistoryFileSchema = z.object({ changes: z.array(PolicyChangeInputSchema).min(1) });

/**
 * China's export controls of 2023-2025 as the project ships them: the announcements, their
 * suspensions and their relations, in the order a loader posts them.
 */
export function shippedHistory(): PolicyChangeInput[] {
  return HistoryFileSchema.parse(historyFile).changes;
}

export interface LoadReport {
  created: number;
  unchanged: number;
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
