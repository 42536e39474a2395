import type { ListedEntity, PolicyChangeInput } from '../shared/model/policy-change.js';
import type { Filters } from '../shared/model/subscription.js';
import { pick, seededRandom } from './support.js';

/**
 * The heaviest watchlists the limits allow, all in one index block: `subscriptions` subscriptions of
 * one subscriber, each watching 25 names of 300 characters that begin "Beijing" and go on with
 * made-up words, so no two names are alike and every one of them is compared with every name a
 * Beijing entity's change lists (Beijing being a place, each name is also indexed under its first
 * made-up word, which a Beijing change rarely reads). Seeded: every run compares the same names.
 */
export function worstCaseWatchlists(subscriptions = 100): Filters[] {
  const random = seededRandom(26);
  const word = () => madeUpWord(random);
  return Array.from({ length: subscriptions }, () => ({
    entities: Array.from({ length: 25 }, () => ({ name: beijingName(word) })),
  }));
}

function madeUpWord(random: () => number): string {
  let text = '';
  for (let n = 4 + Math.floor(random() * 7); n > 0; n--)
    text += String.fromCharCode(97 + Math.floor(random() * 26));
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** "Beijing" and words from `word`, up to 300 characters. */
function beijingName(word: () => string): string {
  let text = 'Beijing';
  while (text.length < 300) text += ` ${word()}`;
  return text.slice(0, 300).trimEnd();
}

/**
 * The heaviest listing the limits allow against those watchlists: `count` names of 300 characters
 * beginning "Beijing", made of 500 made-up words (well within the block limit), so every watched
 * name is compared whole with every listed one.
 */
export function longNameEntities(count: number): ListedEntity[] {
  const random = seededRandom(27);
  const vocabulary = Array.from({ length: 500 }, () => madeUpWord(random));
  return Array.from({ length: count }, () => ({ name: beijingName(() => pick(random, vocabulary)) }));
}

const WORDS = [
  'Aeronautical',
  'Aerospace',
  'Automation',
  'Chemical',
  'Communication',
  'Composite',
  'Defense',
  'Development',
  'Digital',
  'Electronic',
  'Engineering',
  'Equipment',
  'Industrial',
  'Information',
  'Instrument',
  'Intelligent',
  'Machinery',
  'Materials',
  'Metallurgy',
  'Microelectronics',
  'Navigation',
  'Nuclear',
  'Optical',
  'Photonics',
  'Power',
  'Precision',
  'Satellite',
  'Science',
  'Semiconductor',
  'Shipbuilding',
  'Software',
  'Systems',
  'Vehicle',
];
const FORMS = [
  'Co., Ltd.',
  'Corporation',
  'Institute',
  'Research Center',
  'Group',
  'Company Limited',
  'Laboratory',
];

/**
 * An ordinary screening-list chunk of `count` Beijing entities (the importer's chunk is 100): names
 * of three to five words, up to two aliases each, country CN.
 */
export function beijingEntities(count: number): ListedEntity[] {
  const random = seededRandom(100);
  const words = () => `${pick(random, WORDS)} ${pick(random, WORDS)} ${pick(random, FORMS)}`;
  return Array.from({ length: count }, () => {
    const aliases = Array.from({ length: Math.floor(random() * 3) }, () => `Beijing ${words()}`);
    return { name: `Beijing ${words()}`, ...(aliases.length > 0 ? { aliases } : {}), country: 'CN' };
  });
}

/** An end-user-list change naming `entities`. */
export function entityListChange(
  sourceRef: string,
  entities: ListedEntity[],
  revision = 1,
): PolicyChangeInput {
  return {
    source: 'bench',
    sourceRef,
    revision,
    title: `Additions to the Entity List (${entities.length} entities)`,
    issuingRegion: 'US',
    affectedRegions: ['*'],
    materials: [],
    changeType: 'end-user-list-addition',
    severity: 'high',
    entities,
  };
}
