/**
 * Loops of relations that act on status (A suspends B, B suspends C, C suspends A) can never
 * settle, so the change that would close one is refused. The check walks the stored relations
 * from the arriving change's targets, following each link by id or, for a link stored before its
 * target arrived, by source + sourceRef; it visits a bounded number of changes.
 */
import { forEachLimited } from '../kernel/concurrency.js';
import type { FieldIssue } from '../kernel/errors.js';
import type { Relation } from '../model/policy-change.js';

/** Relations that change another change's life; a loop of these can never settle. */
export const ACTING_RELATIONS: ReadonlySet<Relation> = new Set([
  'suspends',
  'resumes',
  'supersedes',
  'revokes',
  'extends',
]);

/** The most stored changes one check visits: a change related, in turn, to more is refused. */
export const MAX_RELATED_CHANGES = 1000;

/** Changes read at a time during the walk. */
const READS_IN_FLIGHT = 16;

/** A link from one change to another, as stored. */
export interface RelationLink {
  relation: Relation;
  policyChangeId?: string;
  source?: string;
  sourceRef?: string;
}

/** What the walk reads: a stored change's own relations, and the id behind a source + sourceRef. */
export interface RelationGraph {
  linksOf(id: string): Promise<readonly RelationLink[]>;
  idOf(source: string, sourceRef: string): Promise<string | undefined>;
}

/** The change being stored, with its id when an earlier revision is stored. */
export interface ArrivingChange {
  id?: string;
  source: string;
  sourceRef: string;
  relatedChanges: readonly RelationLink[];
}

/** A relation and the change it names, as a loop is spelled out. */
interface Hop {
  relation: Relation;
  name: string;
}

/** One change reached by the walk, and how: `relation` is the link that led to it from `previous`. */
interface Step extends Hop {
  id: string;
  previous?: Step;
  /** The index in `relatedChanges` the walk started from. */
  origin: number;
}

/**
 * The issues that refuse `change`: one per relation that closes a loop (with the loop spelled
 * out), or one on `relatedChanges` when the changes it acts on lead to more than `limit` others.
 * Empty when the relations can be stored.
 *
 * @example
 * // stored: A suspends B, B suspends C; arriving: C suspends A
 * await relationLoopIssues(graph, { source: 'mofcom', sourceRef: 'C', relatedChanges: [toA] });
 * // [{ field: 'relatedChanges.0', message: 'this suspends relation closes a loop: mofcom C suspends mofcom A, which suspends mofcom B, which suspends mofcom C', … }]
 */
export async function relationLoopIssues(
  graph: RelationGraph,
  change: ArrivingChange,
  limit = MAX_RELATED_CHANGES,
): Promise<FieldIssue[]> {
  const visited = new Set<string>();
  let frontier: Step[] = [];
  change.relatedChanges.forEach((link, origin) => {
    if (!ACTING_RELATIONS.has(link.relation) || !link.policyChangeId || visited.has(link.policyChangeId))
      return;
    visited.add(link.policyChangeId);
    frontier.push({ id: link.policyChangeId, name: nameOf(link), relation: link.relation, origin });
  });
  const loops = new Map<number, Hop[]>();
  // Breadth first, one level of links at a time, ending with the level where a loop first closes:
  // the shortest loops are reported, each on the relation it starts from.
  while (frontier.length > 0 && loops.size === 0) {
    const next: Step[] = [];
    for (const { step, links } of await readLinks(graph, frontier)) {
      for (const { link, id } of links) {
        if (isTheArrivingChange(link, id, change)) {
          const back = { relation: link.relation, name: `${change.source} ${change.sourceRef}` };
          if (!loops.has(step.origin)) loops.set(step.origin, [...pathTo(step), back]);
          continue;
        }
        if (id === undefined || visited.has(id)) continue;
        visited.add(id);
        if (visited.size > limit) return [tooDeep(limit)];
        next.push({ id, name: nameOf(link), relation: link.relation, previous: step, origin: step.origin });
      }
    }
    frontier = next;
  }
  return [...loops].map(([origin, path]) => loopIssue(origin, path, change));
}

/** Each step's acting links, in the frontier's order, with the target's id when it is stored. */
async function readLinks(
  graph: RelationGraph,
  frontier: readonly Step[],
): Promise<{ step: Step; links: { link: RelationLink; id: string | undefined }[] }[]> {
  const read = new Map<Step, { link: RelationLink; id: string | undefined }[]>();
  await forEachLimited(frontier, READS_IN_FLIGHT, async (step) => {
    const links = (await graph.linksOf(step.id)).filter((link) => ACTING_RELATIONS.has(link.relation));
    read.set(
      step,
      await Promise.all(
        links.map(async (link) => ({
          link,
          // A link stored before its target arrived carries no id: the target may be stored since.
          id:
            link.policyChangeId ??
            (link.source !== undefined && link.sourceRef !== undefined
              ? await graph.idOf(link.source, link.sourceRef)
              : undefined),
        })),
      ),
    );
  });
  return frontier.map((step) => ({ step, links: read.get(step) ?? [] }));
}

function isTheArrivingChange(link: RelationLink, id: string | undefined, change: ArrivingChange): boolean {
  return (
    (change.id !== undefined && id === change.id) ||
    (link.source === change.source && link.sourceRef === change.sourceRef)
  );
}

function nameOf(link: RelationLink): string {
  return link.source !== undefined && link.sourceRef !== undefined
    ? `${link.source} ${link.sourceRef}`
    : (link.policyChangeId ?? '?');
}

/** The steps from the arriving change's own relation to `step`, in order. */
function pathTo(step: Step): Step[] {
  const path: Step[] = [];
  for (let at: Step | undefined = step; at; at = at.previous) path.unshift(at);
  return path;
}

/** Relations spelled out in a message; a longer loop shows its two ends and how many are between. */
const SPELLED_OUT = 10;

function loopIssue(origin: number, path: readonly Hop[], change: ArrivingChange): FieldIssue {
  const hops = path.map((hop) => `${hop.relation} ${hop.name}`);
  const spelled =
    hops.length > SPELLED_OUT
      ? `${hops.slice(0, SPELLED_OUT / 2).join(', which ')}, … (${hops.length - SPELLED_OUT} more) …, which ${hops.slice(-SPELLED_OUT / 2).join(', which ')}`
      : hops.join(', which ');
  const first = change.relatedChanges[origin];
  return {
    field: `relatedChanges.${origin}`,
    message: `this ${first?.relation} relation closes a loop: ${change.source} ${change.sourceRef} ${spelled}`,
    values: first?.policyChangeId ? [first.policyChangeId] : [],
  };
}

function tooDeep(limit: number): FieldIssue {
  return {
    field: 'relatedChanges',
    message: `the changes this one acts on act, in turn, on more than ${limit.toLocaleString('en')} others: too deeply related to check for loops`,
  };
}
