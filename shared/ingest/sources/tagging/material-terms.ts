import type { Catalogue } from '../../../model/catalogue.js';
import { GENERIC_NODES, SPELLING_VARIANTS, WEAK_TERMS } from './tagging-rules.js';

interface Term {
  material: string;
  term: string;
  pattern: RegExp;
  weak: boolean;
}

/** The catalogue's names and synonyms compiled to patterns, longest first. */
export interface MaterialMatcher {
  terms: readonly Term[];
  /** Every catalogue id, for rules that name one. */
  materials: ReadonlySet<string>;
}

export interface MaterialMatch {
  material: string;
  term: string;
  text: string;
  weak: boolean;
  start: number;
  end: number;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * Compiles every catalogue name and synonym (generic group names aside) into a pattern that
 * respects word boundaries, accepts plurals, US and UK spellings, and a space or hyphen between
 * words. All-capital terms (REE, LFP) match only in capitals; Chinese terms match anywhere.
 */
export function materialMatcher(catalogue: Catalogue): MaterialMatcher {
  const terms: Term[] = [];
  for (const node of catalogue.materials()) {
    if (GENERIC_NODES.has(node.id)) continue;
    const words = new Set([node.name, ...node.synonyms]);
    for (const word of words) {
      for (const spelling of spellings(word)) {
        terms.push({
          material: node.id,
          term: word,
          pattern: termPattern(spelling),
          weak: WEAK_TERMS.has(word.toLowerCase()),
        });
      }
    }
  }
  terms.sort((a, b) => b.term.length - a.term.length);
  return { terms, materials: new Set(catalogue.materials().map((node) => node.id)) };
}

/**
 * The materials a text names. Longer terms win over the shorter ones inside them: "lithium-ion
 * batteries" is the battery product, not lithium as well.
 */
export function findMaterials(matcher: MaterialMatcher, text: string): MaterialMatch[] {
  // One flag per character taken by an earlier (longer) term: checking a match costs its length,
  // not the number of matches found before it.
  const taken = new Uint8Array(text.length);
  const found: MaterialMatch[] = [];
  for (const term of matcher.terms) {
    term.pattern.lastIndex = 0;
    for (const match of text.matchAll(term.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.subarray(start, end).includes(1)) continue;
      taken.fill(1, start, end);
      found.push({ material: term.material, term: term.term, text: match[0], weak: term.weak, start, end });
    }
  }
  return found;
}

function spellings(word: string): string[] {
  const variants = new Set([word]);
  for (const [uk, us] of SPELLING_VARIANTS) {
    for (const variant of [...variants]) {
      variants.add(variant.replace(new RegExp(uk, 'gi'), us));
      variants.add(variant.replace(new RegExp(us, 'gi'), uk));
    }
  }
  return [...variants];
}

function termPattern(term: string): RegExp {
  if (CJK.test(term)) return new RegExp(escapeRegExp(term), 'gu');
  const acronym = /^[A-Z0-9]{2,6}s?$/.test(term) || /[a-z][A-Z]/.test(term);
  const body = term
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join('[\\s-]+');
  // Plurals: batteries, magnets, borates are already plural in the catalogue; others take s/es.
  const plural = /(s|ies)$/i.test(term) ? '' : '(?:e?s)?';
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${plural}(?![\\p{L}\\p{N}])`, acronym ? 'gu' : 'giu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
