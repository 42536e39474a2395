/**
 * The English title and summary of a Chinese candidate, built only from what the reader found:
 * the number, the signatories, the action, the materials, the destinations and the dates. The
 * reviewer reads the Chinese beside it and rewrites what the rules could not say.
 */
import type { ChangeType } from '../../../model/policy-change.js';
import type { MofcomCandidate } from './mofcom-candidate.js';

type Read = Omit<MofcomCandidate, 'title' | 'summary'>;
interface Naming {
  year: number;
  number: number;
  /** The catalogue's English names of the materials, in the order read. */
  names: string[];
}

const BODY_NAMES: Readonly<Record<string, string>> = {
  MOFCOM: 'MOFCOM',
  GAC: 'GAC',
  SASTIND: 'SASTIND',
  CAEA: 'CAEA',
  'CMC-EDD': 'CMC-EDD',
};

const ACTIONS: Partial<Record<ChangeType, string>> = {
  'licence-requirement': 'requires export licences for',
  'export-ban': 'restricts exports of',
  'technology-control': 'controls the export of technology for',
  'extraterritorial-control': 'controls foreign-made items containing',
  suspension: 'suspends export controls on',
  'general-licence': 'introduces general licences for',
  'end-user-list-addition': 'adds parties to the export control list for',
};

/** At most five names, then "and N more". */
function nameList(names: readonly string[]): string {
  if (names.includes('*')) return 'all dual-use items';
  const shown = names.slice(0, 5);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

function announcement(read: Read, naming: Naming): string {
  const bodies = read.issuingBodies.map((body) => BODY_NAMES[body] ?? body).join('/');
  const clause = read.sourceRef.match(/-(\d+)-(\d+)-(\d+)$/)?.[3];
  return `${bodies || 'MOFCOM'} Announcement No. ${naming.number} of ${naming.year}${clause ? `, clause ${clause}` : ''}`;
}

function destinations(read: Read): string {
  return read.affectedRegions.includes('*') ? '' : ` to ${read.affectedRegions.join(', ')}`;
}

/** `China requires export licences for gallium and germanium (MOFCOM/GAC Announcement No. 23 of 2023)`. */
export function englishTitle(read: Read, naming: Naming): string {
  const action = ACTIONS[read.changeType] ?? 'announces export-control measures on';
  return `China ${action} ${nameList(naming.names)}${destinations(read)} (${announcement(read, naming)})`.slice(
    0,
    500,
  );
}

/** Who, what, where, when, and what it acts on, in plain sentences. */
export function englishSummary(read: Read, naming: Naming): string {
  const parts = [
    `${announcement(read, naming)}${read.publishedAt ? `, published ${read.publishedAt.slice(0, 10)}` : ''}: ${ACTIONS[read.changeType] ?? 'export-control measures on'} ${nameList(naming.names)}${destinations(read)}.`,
  ];
  if (read.effectiveAt) parts.push(`In effect from ${read.effectiveAt.slice(0, 10)}.`);
  if (read.expiresAt) parts.push(`Until ${read.expiresAt.slice(0, 10)}.`);
  if (read.relatedChanges.length > 0)
    parts.push(
      `${read.relatedChanges[0]?.relation === 'suspends' ? 'Suspends' : 'Acts on'} ${read.relatedChanges.map((related) => related.sourceRef).join(', ')}.`,
    );
  if (read.hsCodes.length > 0)
    parts.push(
      `Customs codes given: ${read.hsCodes.slice(0, 12).join(', ')}${read.hsCodes.length > 12 ? '…' : ''}.`,
    );
  if (read.controlCodes.length > 0) parts.push(`Control codes: ${read.controlCodes.join(', ')}.`);
  if (read.conditions.length > 0)
    parts.push(`Conditions: ${read.conditions.map((condition) => condition.type).join(', ')}.`);
  return parts.join(' ').slice(0, 5000);
}
