/** A problem with one field, as the API names it (`FieldIssue` of the API client). */
export interface DraftIssue {
  field: string;
  message: string;
  values?: string[];
}

/** What the material form holds, before it is sent. */
export interface MaterialDraft {
  id: string;
  name: string;
  parents: string[];
  symbol: string;
  hsCodes: string[];
}

// The API's own rules (shared/model), checked here so an empty form never reaches a URL without an id.
const MATERIAL_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SYMBOL = /^[A-Z][a-z]{0,2}$/;
const HS_CODE = /^\d{4,10}$/;

/**
 * The issues the API would raise about a material draft, named by field as the API names them;
 * none when it may be sent.
 *
 * @example materialIssues({ id: '', name: '', parents: [], symbol: '', hsCodes: [] })
 * // [{ field: 'id', message: 'an id is required …' }, { field: 'name', message: 'a name is required' }]
 */
export function materialIssues(draft: MaterialDraft): DraftIssue[] {
  const issues: DraftIssue[] = [];
  if (!draft.id)
    issues.push({ field: 'id', message: 'an id is required (lower-case kebab-case, e.g. scandium-oxide)' });
  else if (!MATERIAL_ID.test(draft.id) || draft.id.length > 64)
    issues.push({
      field: 'id',
      message: 'material ids are lower-case kebab-case, at most 64 characters',
      values: [draft.id],
    });
  if (!draft.name.trim()) issues.push({ field: 'name', message: 'a name is required' });
  const badParents = draft.parents.filter((p) => !MATERIAL_ID.test(p));
  if (badParents.length)
    issues.push({ field: 'parents', message: 'parents are material ids', values: badParents });
  if (draft.symbol && !SYMBOL.test(draft.symbol))
    issues.push({
      field: 'symbol',
      message: 'symbols are chemical element symbols such as Dy',
      values: [draft.symbol],
    });
  const badCodes = draft.hsCodes.filter((code) => !HS_CODE.test(code));
  if (badCodes.length)
    issues.push({
      field: 'hsCodes',
      message: 'catalogue HS codes are 4 to 10 digits without dots, e.g. 3818 or 282590',
      values: badCodes,
    });
  return issues;
}
