/**
 * The policy-change vocabulary as plain lists, with no validation library: the model's schemas
 * (policy-change.ts) and the console's pickers both read them, so the two cannot disagree.
 */

/** Kinds of export-rule change the service tracks. */
export const CHANGE_TYPES = [
  'licence-requirement',
  'export-ban',
  'extraterritorial-control',
  'technology-control',
  'export-quota',
  'export-tax',
  'import-tariff',
  'trade-investigation',
  'end-user-list-addition',
  'end-user-list-removal',
  'sanctions',
  'general-licence',
  'verified-end-user',
  'suspension',
  'critical-mineral-designation',
  'other',
] as const;

/** Severities in ascending order: the index is the rank used by `minSeverity`. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export const DIRECTIONS = ['tightening', 'relaxation', 'neutral'] as const;

/** What a rule covers: physical goods, production equipment, technology, software or services. */
export const ITEM_TYPES = ['goods', 'equipment', 'technology', 'software', 'services'] as const;

/** How one change acts on another. */
export const RELATIONS = ['suspends', 'resumes', 'amends', 'supersedes', 'revokes', 'extends'] as const;

/** Where a change stands in its life, kept current by the scheduler. */
export const STATUSES = ['announced', 'in-force', 'suspended', 'expired', 'revoked', 'superseded'] as const;

/**
 * The kinds of change a filter clause may hear about: `lanes` (materials or HS codes named, not
 * `*`, no entities), `all-items` (`materials: ["*"]`, no entities), `parties` (names entities).
 */
export const SCOPES = ['lanes', 'all-items', 'parties'] as const;

/** What goods are used for, in typed conditions and subscriber profiles. */
export const END_USES = [
  'civilian',
  'military',
  'advanced-semiconductors',
  'weapons-of-mass-destruction',
  'humanitarian',
] as const;

/** Kinds of licence a condition names or a subscriber holds. */
export const LICENCE_TYPES = ['individual', 'general'] as const;

/** `filters.applicability`: which verdicts a subscription is sent. */
export const APPLICABILITY_SETTINGS = ['relevant', 'applies', 'all'] as const;

/** Days of the week, Monday first (ISO 8601 numbering is the index plus one): a weekly digest's day. */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
