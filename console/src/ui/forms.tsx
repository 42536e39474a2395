import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiProblem, type FieldIssue } from '../api/client';
import { Time } from './time';

/** The issues that name this field or something inside it (`filters.materials` for `filters.materials.0`). */
export function issuesFor(problem: unknown, field: string): FieldIssue[] {
  if (!(problem instanceof ApiProblem)) return [];
  return problem.errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`));
}

const fieldId = (field: string, scope = 'field') => `${scope}-${field.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** A labelled input with the API's messages for it right below. */
export function Field(props: {
  label: string;
  field: string;
  problem: unknown;
  hint?: string;
  /** Keeps ids unique when two forms on a page name the same field. */
  scope?: string;
  children: (attrs: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ComponentChildren;
}) {
  const id = fieldId(props.field, props.scope);
  const issues = issuesFor(props.problem, props.field);
  const described = [props.hint ? `${id}-hint` : '', issues.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${issues.length ? ' invalid' : ''}`} data-field={props.field}>
      <label for={id}>{props.label}</label>
      {props.children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(issues.length ? { 'aria-invalid': true } : {}),
      })}
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldIssues id={`${id}-error`} issues={issues} />
    </div>
  );
}

/** Messages for a group of inputs (a fieldset) rather than one input. */
export function FieldIssues({ issues, id }: { issues: FieldIssue[]; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <div role="alert" id={id}>
      <ul class="field-error">
        {issues.map((issue) => (
          <li key={`${issue.field}:${issue.message}`}>
            {issue.message}
            {issue.values?.length ? `: ${issue.values.join(', ')}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The problem's headline, plus every field issue that no field on the form shows (`shown` lists
 * the fields the form has).
 */
export function ProblemBanner({ problem, shown = [] }: { problem: unknown; shown?: string[] }) {
  if (!problem) return null;
  if (!(problem instanceof ApiProblem)) {
    return (
      <div class="problem" role="alert">
        <strong>Something went wrong.</strong> {String(problem)}
      </div>
    );
  }
  const unplaced = problem.errors.filter(
    (e) => !shown.some((field) => e.field === field || e.field.startsWith(`${field}.`)),
  );
  return (
    <div class="problem" role="alert">
      <strong>{problem.title}:</strong>{' '}
      {problem.retryAt ? (
        <>
          {/[.!?]$/.test(problem.message) ? problem.message : `${problem.message}.`}{' '}
          <span data-retry-at={problem.retryAt}>
            Try again after <Time iso={problem.retryAt} />.
          </span>
        </>
      ) : (
        problem.message
      )}
      <FieldIssues issues={unplaced} />
    </div>
  );
}

/** Runs an action, keeping its problem (if any) and whether it is running. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [problem, setProblem] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setProblem(undefined);
    try {
      return await action(...args);
    } catch (error) {
      setProblem(error);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, problem, busy, setProblem };
}

/** A comma- or line-separated list as an array, without blanks. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
