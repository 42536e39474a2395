import { describe, expect, it } from 'vitest';
import {
  type ArrivingChange,
  MAX_RELATED_CHANGES,
  type RelationGraph,
  type RelationLink,
  relationLoopIssues,
} from '../../shared/ingest/relation-loops.js';
import type { Relation } from '../../shared/model/policy-change.js';

/**
 * Stored changes by sourceRef (their id is `pc_<ref>`), each with its relations written
 * `suspends B` (a link by id) or `suspends ?B` (stored before B arrived: no id). A ref listed only
 * as a target never arrived.
 */
function storedGraph(changes: Record<string, string[]>): RelationGraph & { reads: number } {
  const graph = {
    reads: 0,
    linksOf: async (id: string): Promise<RelationLink[]> => {
      graph.reads += 1;
      return (changes[id.slice(3)] ?? []).map(link);
    },
    idOf: async (_source: string, sourceRef: string) =>
      sourceRef in changes ? `pc_${sourceRef}` : undefined,
  };
  return graph;
}

function link(text: string): RelationLink & { sourceRef: string } {
  const [relation, target = ''] = text.split(' ') as [Relation, string];
  const ref = target.replace(/^\?/, '');
  return {
    relation,
    source: 'mofcom',
    sourceRef: ref,
    ...(target.startsWith('?') ? {} : { policyChangeId: `pc_${ref}` }),
  };
}

/** The change arriving under `ref` with `links`, which resolve to stored ids as the ingest does. */
function arriving(ref: string, links: string[], stored: Record<string, string[]>): ArrivingChange {
  return {
    ...(ref in stored ? { id: `pc_${ref}` } : {}),
    source: 'mofcom',
    sourceRef: ref,
    relatedChanges: links.map((text) => {
      const { policyChangeId: _id, ...target } = link(text);
      return target.sourceRef in stored ? { ...target, policyChangeId: `pc_${target.sourceRef}` } : target;
    }),
  };
}

/** `n` changes, each suspending the next (`c0 suspends c1`, …), the last acting on nothing. */
function chain(n: number, pending = false): Record<string, string[]> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `c${i}`,
      i < n - 1 ? [`suspends ${pending ? '?' : ''}c${i + 1}`] : [],
    ]),
  );
}

describe('relation loops: the walk over stored relations', () => {
  it.each<[string, Record<string, string[]>, string, string[], string[]]>([
    ['no relations', {}, 'x', [], []],
    ['a target that never arrived', {}, 'x', ['suspends y'], []],
    ['a loop of two', { a: ['suspends ?x'] }, 'x', ['suspends a'], ['relatedChanges.0']],
    [
      'a loop of three by ids',
      { a: ['suspends b'], b: ['suspends x'], x: [] },
      'x',
      ['suspends a'],
      ['relatedChanges.0'],
    ],
    [
      'a loop of three through links stored before their targets arrived',
      { a: ['suspends ?b'], b: ['suspends ?x'] },
      'x',
      ['suspends a'],
      ['relatedChanges.0'],
    ],
    ['a loop through amendments only', { a: ['amends ?b'], b: ['amends ?x'] }, 'x', ['amends a'], []],
    ['an amendment that closes a loop of suspensions', { a: ['suspends ?x'] }, 'x', ['amends a'], []],
    [
      'a loop already stored that does not pass through the arriving change',
      { a: ['suspends b'], b: ['suspends a'] },
      'x',
      ['suspends a'],
      [],
    ],
    [
      'two relations, the second closing a loop',
      { free: [], a: ['revokes ?x'] },
      'x',
      ['suspends free', 'extends a'],
      ['relatedChanges.1'],
    ],
  ])('%s', async (_name, stored, ref, links, fields) => {
    const issues = await relationLoopIssues(storedGraph(stored), arriving(ref, links, stored));
    expect(issues.map((issue) => issue.field)).toEqual(fields);
  });

  it('spells the loop out from the arriving change back to itself', async () => {
    const stored = { a: ['suspends ?b'], b: ['resumes ?x'] };
    const [issue] = await relationLoopIssues(storedGraph(stored), arriving('x', ['suspends a'], stored));
    expect(issue?.message).toBe(
      'this suspends relation closes a loop: mofcom x suspends mofcom a, which suspends mofcom b, which resumes mofcom x',
    );
  });

  it(`a chain of ${MAX_RELATED_CHANGES} changes, linked either way, is walked to its end and accepted`, async () => {
    for (const pending of [false, true]) {
      const stored = chain(MAX_RELATED_CHANGES, pending);
      const graph = storedGraph(stored);
      expect(await relationLoopIssues(graph, arriving('x', ['suspends c0'], stored))).toEqual([]);
      expect(graph.reads).toBe(MAX_RELATED_CHANGES);
    }
  });

  it('a loop at the far end of that chain is found', async () => {
    const stored = chain(MAX_RELATED_CHANGES, true);
    stored[`c${MAX_RELATED_CHANGES - 1}`] = ['supersedes ?x'];
    const issues = await relationLoopIssues(storedGraph(stored), arriving('x', ['suspends c0'], stored));
    expect(issues.map((issue) => issue.field)).toEqual(['relatedChanges.0']);
    // The message names both ends and counts the rest, however long the loop.
    expect(issues[0]?.message).toMatch(
      /which suspends mofcom c4, … \(991 more\) …, which suspends mofcom c996,/,
    );
  });

  it.each<[string, Record<string, string[]>]>([
    ['a chain one change longer', chain(MAX_RELATED_CHANGES + 1)],
    ['a chain of 100,000 changes', chain(100_000, true)],
    [
      'one change acting on 5,000 others',
      {
        c0: Array.from({ length: 5000 }, (_, i) => `suspends ?f${i}`),
        ...Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, []])),
      },
    ],
  ])('%s is refused as too deeply related, after a bounded walk', async (_name, stored) => {
    const graph = storedGraph(stored);
    const issues = await relationLoopIssues(graph, arriving('x', ['suspends c0'], stored));
    expect(issues).toEqual([
      {
        field: 'relatedChanges',
        message:
          'the changes this one acts on act, in turn, on more than 1,000 others: too deeply related to check for loops',
      },
    ]);
    expect(graph.reads).toBeLessThanOrEqual(MAX_RELATED_CHANGES);
  });
});
