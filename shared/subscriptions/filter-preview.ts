import { type Applicability, admits, judgeApplicability } from '../matching/applicability.js';
import { matchSubscription } from '../matching/match-clauses.js';
import { prepareChange } from '../matching/match-filters.js';
import { clauseSettings } from '../matching/verdicts.js';
import type { Catalogue } from '../model/catalogue.js';
import type { Profile } from '../model/profile.js';
import type { SubscriptionFilters } from '../model/subscription.js';
import { type HistoryItem, historyItem } from '../policy/history.js';
import type { ChangeHead, PolicyChangeStore } from '../store/policy-change-store.js';
import { normaliseProfile } from './profile-service.js';
import { normaliseSubscriptionFilters } from './subscription-service.js';

/** One change of the history a filter would have been told of, with its verdict for the profile. */
export interface PreviewItem {
  policyChange: HistoryItem;
  applicability: Applicability;
}

export interface FilterPreview {
  items: PreviewItem[];
  /** Change heads read from the history partition (what the preview costs). */
  read: number;
}

/** How many heads one preview reads at most: the whole history of a service of this kind. */
export const PREVIEW_MAX_READ = 10_000;
/** How many matches one preview lists at most, newest first. */
export const PREVIEW_MAX_ITEMS = 500;
/** Heads per page of the history query. */
const PAGE = 1000;

export interface FilterPreviewDeps {
  changes: Pick<PolicyChangeStore, 'history'>;
  catalogue: () => Catalogue | Promise<Catalogue>;
}

/**
 * The stored history a subscription's filters would have been told of, newest first: each change
 * they match whose verdict for the profile their `applicability` setting sends, exactly as the
 * matcher decides for a published revision. Reads the history partition page by page (never a
 * Scan); filters and profile are checked as a subscription's are (a 422 naming the field).
 *
 * @example
 * await previewFilters(deps, { filters: { materials: ['gallium'] }, profile: { endUses: ['civilian'] } })
 * // { items: [{ policyChange: { sourceRef: 'MOFCOM-2023-23', … }, applicability: { verdict: 'applies', … } }], read: 61 }
 */
export async function previewFilters(
  deps: FilterPreviewDeps,
  input: { filters: SubscriptionFilters; profile?: Profile | undefined },
): Promise<FilterPreview> {
  const catalogue = await deps.catalogue();
  const filters = normaliseSubscriptionFilters(input.filters, catalogue);
  const profile = input.profile ? normaliseProfile(input.profile, catalogue, 'profile') : undefined;
  // One verdict per change: the same profile judges every head.
  const verdicts = new Map<string, Applicability>();
  const sent = (head: ChangeHead) => {
    const matched = matchSubscription(prepareChange(head.change, catalogue), filters, catalogue);
    if (!matched) return false;
    const applicability = judgeApplicability(head.change, profile);
    const admitted = clauseSettings(filters, matched.clauses).some((setting) =>
      admits(setting, applicability.verdict, head.change.direction),
    );
    if (admitted) verdicts.set(head.id, applicability);
    return admitted;
  };
  const items: PreviewItem[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.changes.history({
      limit: PREVIEW_MAX_ITEMS - items.length,
      maxRead: Math.min(PAGE, PREVIEW_MAX_READ - read),
      ...(cursor ? { cursor } : {}),
      accept: sent,
    });
    read += page.read;
    for (const head of page.items) {
      const applicability = verdicts.get(head.id);
      if (applicability) items.push({ policyChange: historyItem(head), applicability });
    }
    cursor = page.nextCursor;
  } while (cursor && read < PREVIEW_MAX_READ && items.length < PREVIEW_MAX_ITEMS);
  return { items, read };
}
