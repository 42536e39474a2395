import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiHarness,
  type ApiResponse,
  createHarness,
  expectProblem,
  policyChangeBody,
  problemFields,
} from './support.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await createHarness();
});

type Target = { sourceRef: string } | { policyChangeId: string };

/**
 * A change stored under `sourceRef` that acts on each target (`relation`, `suspends` by default):
 * a suspension when it suspends or extends, else a change of another type (a suspension must name
 * what it suspends).
 */
function suspension(sourceRef: string, targets: Target[], revision = 1, relation = 'suspends') {
  return policyChangeBody({
    sourceRef,
    revision,
    changeType: relation === 'suspends' || relation === 'extends' ? 'suspension' : 'other',
    direction: undefined,
    relatedChanges: targets.map((target) =>
      'sourceRef' in target ? { relation, source: 'mofcom', ...target } : { relation, ...target },
    ),
  });
}

async function accepted(body: Record<string, unknown>): Promise<string> {
  const res = await h.http.post('/v1/policy-changes', body, ADMIN);
  expect(res.status, res.text).toBe(202);
  return res.json.id as string;
}

/** Posts a change that must be refused for a loop: 422 on `relatedChanges.0`, nothing written. */
async function refusedAsLoop(body: Record<string, unknown>): Promise<ApiResponse> {
  const before = await h.itemCount();
  const res = await h.http.post('/v1/policy-changes', body, ADMIN);
  expectProblem(res, 422, 'validation-error');
  expect(problemFields(res)).toContain('relatedChanges.0');
  expect(await h.itemCount()).toBe(before);
  return res;
}

async function statusOf(id: string): Promise<string> {
  const res = await h.http.get(`/v1/policy-changes/${id}`, ADMIN);
  expect(res.status).toBe(200);
  return res.json.status as string;
}

let run = 0;
/** `n` sourceRefs unique to this test. */
function refs(n: number): string[] {
  run += 1;
  return Array.from({ length: n }, (_, i) => `loop-${run}-${String.fromCharCode(97 + (i % 26))}${i}`);
}

describe('relation loops of any length are refused with 422, nothing written', () => {
  it.each([2, 3, 5, 25])(
    'a loop of %i suspensions, each naming the next before it arrives, is refused when the last arrives',
    async (length) => {
      const names = refs(length);
      // Each suspends the next, named by source + sourceRef ahead of its arrival.
      for (let i = 0; i < length - 1; i++)
        await accepted(suspension(names[i] as string, [{ sourceRef: names[i + 1] as string }]));
      const last = names[length - 1] as string;
      const res = await refusedAsLoop(suspension(last, [{ sourceRef: names[0] as string }]));
      // The detail spells the loop out, from the arriving change back to itself; a long one by its ends.
      const hops = [...names.slice(0, -1), last].map((ref) => `suspends mofcom ${ref}`);
      const spelled =
        hops.length > 10
          ? `${hops.slice(0, 5).join(', which ')}, … (${hops.length - 10} more) …, which ${hops.slice(-5).join(', which ')}`
          : hops.join(', which ');
      expect(res.json.detail).toContain(`mofcom ${last} ${spelled}`);
    },
  );

  it.each([2, 3, 5])(
    'a loop of %i suspensions named by id, closed by a new revision of the first, is refused',
    async (length) => {
      const names = refs(length);
      // Stored from the end of the chain back, so every target exists and is named by id.
      const ids: string[] = [await accepted(policyChangeBody({ sourceRef: names[length - 1] }))];
      for (let i = length - 2; i >= 0; i--) {
        ids.unshift(await accepted(suspension(names[i] as string, [{ policyChangeId: ids[0] as string }])));
      }
      const res = await refusedAsLoop(
        suspension(names[length - 1] as string, [{ policyChangeId: ids[0] as string }], 2),
      );
      expect(res.json.detail).toContain(`suspends mofcom ${names[0]}`);
      // The refused revision left the stored one as it was.
      const revisions = await h.http.get(`/v1/policy-changes/${ids[length - 1]}/revisions`, ADMIN);
      expect(revisions.json.items).toHaveLength(1);
    },
  );

  it('a late target that would close a loop is refused; sent without the closing relation it is stored and settles', async () => {
    const [a, b, c] = refs(3) as [string, string, string];
    // A suspends B and B suspends C, each before its target exists: links waiting for their targets.
    const idA = await accepted(suspension(a, [{ sourceRef: b }]));
    const idB = await accepted(suspension(b, [{ sourceRef: c }]));
    // C arrives last, suspending A: the waiting links make the loop.
    await refusedAsLoop(suspension(c, [{ policyChangeId: idA }]));
    const idC = await accepted(policyChangeBody({ sourceRef: c }));
    expect(await statusOf(idA)).toBe('in-force');
    expect(await statusOf(idB)).toBe('suspended');
    // B is suspended, so it does not suspend C.
    expect(await statusOf(idC)).toBe('in-force');
  });

  it('a loop mixing relations that act on status (resumes, revokes, supersedes, extends) is refused', async () => {
    const [a, b, c, d, e] = refs(5) as [string, string, string, string, string];
    await accepted(suspension(a, [{ sourceRef: b }], 1, 'resumes'));
    await accepted(suspension(b, [{ sourceRef: c }], 1, 'revokes'));
    await accepted(suspension(c, [{ sourceRef: d }], 1, 'supersedes'));
    await accepted(suspension(d, [{ sourceRef: e }], 1, 'extends'));
    const res = await refusedAsLoop(suspension(e, [{ sourceRef: a }]));
    expect(res.json.detail).toContain(
      `mofcom ${e} suspends mofcom ${a}, which resumes mofcom ${b}, which revokes mofcom ${c}, which supersedes mofcom ${d}, which extends mofcom ${e}`,
    );
  });

  it('names each relation of the arriving change that closes a loop, and only those', async () => {
    const [a, b, c, free] = refs(4) as [string, string, string, string];
    await accepted(suspension(a, [{ sourceRef: c }]));
    await accepted(suspension(b, [{ sourceRef: c }]));
    await accepted(policyChangeBody({ sourceRef: free }));
    const res = await refusedAsLoop(suspension(c, [{ sourceRef: a }, { sourceRef: free }, { sourceRef: b }]));
    expect(problemFields(res).filter((f) => f.startsWith('relatedChanges'))).toEqual([
      'relatedChanges.0',
      'relatedChanges.2',
    ]);
  });
});

describe('relations without a loop are accepted', () => {
  it('a change acting on the head of a chain of 30, linked before each target arrived, is accepted', async () => {
    const chain = refs(30);
    // Each names the next before it arrives: the walk follows these links by source + sourceRef.
    const ids: string[] = [];
    for (let i = 0; i < 29; i++) {
      ids.push(await accepted(suspension(chain[i] as string, [{ sourceRef: chain[i + 1] as string }])));
    }
    await accepted(policyChangeBody({ sourceRef: chain[29] }));
    const head = ids[0] as string;
    await accepted(suspension(refs(1)[0] as string, [{ policyChangeId: head }]));
  });

  it('two changes acting on one (a diamond) are not a loop', async () => {
    const [top, left, right, bottom] = refs(4) as [string, string, string, string];
    await accepted(suspension(top, [{ sourceRef: left }, { sourceRef: right }]));
    await accepted(suspension(left, [{ sourceRef: bottom }]));
    await accepted(suspension(right, [{ sourceRef: bottom }]));
    await accepted(policyChangeBody({ sourceRef: bottom }));
  });

  it('amendments act on no status: changes that amend each other are stored', async () => {
    const [a, b] = refs(2) as [string, string];
    await accepted(suspension(a, [{ sourceRef: b }], 1, 'amends'));
    await accepted(suspension(b, [{ sourceRef: a }], 1, 'amends'));
  });
});
