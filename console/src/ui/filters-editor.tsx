import { useState } from 'preact/hooks';
import {
  APPLICABILITY_SETTINGS,
  CHANGE_TYPES,
  DIRECTIONS,
  ITEM_TYPES,
  SCOPES,
  SEVERITIES,
} from '../../../shared/model/vocabulary';
import type { Schemas } from '../api/client';
import { Field, FieldIssues, issuesFor, splitList } from './forms';
import { MaterialPicker } from './material-picker';
import { RegionPicker } from './region-picker';

/** A subscription's filters: one clause, or a list of clauses. */
export type SubscriptionFilters = Schemas['SubscriptionInput']['filters'];
/** One clause of the filters (the whole filters when they are a single object). */
export type Filters = Exclude<SubscriptionFilters, unknown[]>;

/** Empty lists are "any": they are left out rather than sent as []. */
function set<K extends keyof Filters>(filters: Filters, key: K, value: Filters[K] | undefined): Filters {
  const next = { ...filters };
  if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return next;
}

function Checkboxes<T extends string>(props: {
  legend: string;
  field: string;
  options: readonly T[];
  value: T[] | undefined;
  onChange: (value: T[]) => void;
  problem: unknown;
}) {
  const chosen = new Set(props.value ?? []);
  return (
    <fieldset class="checkboxes" data-field={props.field}>
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label class="check" key={option}>
          <input
            type="checkbox"
            name={props.field}
            value={option}
            checked={chosen.has(option)}
            onChange={() =>
              props.onChange(
                chosen.has(option)
                  ? props.options.filter((o) => o !== option && chosen.has(o))
                  : [...chosen, option],
              )
            }
          />
          <span>{option}</span>
        </label>
      ))}
      <FieldIssues issues={issuesFor(props.problem, props.field)} />
    </fieldset>
  );
}

/** The fields a filter form shows, so a problem naming any of them is shown beside it. */
export const FILTER_FIELDS = [
  'filters.materials',
  'filters.hsCodes',
  'filters.issuingRegions',
  'filters.originRegions',
  'filters.affectedRegions',
  'filters.changeTypes',
  'filters.directions',
  'filters.itemTypes',
  'filters.minSeverity',
  'filters.entities',
  'filters.scopes',
  'filters.applicability',
  'filters',
];

/**
 * Every filter of one clause; `prefix` is where the API's field names put them (`filters`, or
 * `filters.2` in a list) and `index` keeps the pickers' ids apart when several clauses are shown.
 */
export function FiltersEditor(props: {
  value: Filters;
  onChange: (filters: Filters) => void;
  problem: unknown;
  prefix?: string;
  index?: number;
}) {
  const { value: filters, onChange, problem } = props;
  const prefix = props.prefix ?? 'filters';
  const suffix = props.index ? `-${props.index}` : '';
  const [hsText, setHsText] = useState((filters.hsCodes ?? []).join(', '));
  const entities = filters.entities ?? [];
  return (
    <div class="filters">
      <MaterialPicker
        id={`material-picker${suffix}`}
        value={filters.materials ?? []}
        onChange={(v) => onChange(set(filters, 'materials', v))}
      />
      <FieldIssues issues={issuesFor(problem, `${prefix}.materials`)} />
      <Field
        label="HS codes (prefixes, comma-separated)"
        field={`${prefix}.hsCodes`}
        problem={problem}
        hint="e.g. 2805, 8505.11"
      >
        {(attrs) => (
          <input
            {...attrs}
            value={hsText}
            onInput={(e) => {
              setHsText(e.currentTarget.value);
              onChange(set(filters, 'hsCodes', splitList(e.currentTarget.value)));
            }}
          />
        )}
      </Field>
      <div class="grid3">
        <div>
          <RegionPicker
            label="Issuing regions (who imposes it)"
            name={`issuingRegions${suffix}`}
            value={filters.issuingRegions ?? []}
            onChange={(v) => onChange(set(filters, 'issuingRegions', v))}
          />
          <FieldIssues issues={issuesFor(problem, `${prefix}.issuingRegions`)} />
        </div>
        <div>
          <RegionPicker
            label="Origin regions (where goods come from)"
            name={`originRegions${suffix}`}
            value={filters.originRegions ?? []}
            onChange={(v) => onChange(set(filters, 'originRegions', v))}
          />
          <FieldIssues issues={issuesFor(problem, `${prefix}.originRegions`)} />
        </div>
        <div>
          <RegionPicker
            label="Affected regions (destinations)"
            name={`affectedRegions${suffix}`}
            value={filters.affectedRegions ?? []}
            onChange={(v) => onChange(set(filters, 'affectedRegions', v))}
          />
          <FieldIssues issues={issuesFor(problem, `${prefix}.affectedRegions`)} />
        </div>
      </div>
      <Checkboxes
        legend="Change types (none: all)"
        field={`${prefix}.changeTypes`}
        options={CHANGE_TYPES}
        value={filters.changeTypes}
        onChange={(v) => onChange(set(filters, 'changeTypes', v))}
        problem={problem}
      />
      <div class="grid3">
        <Checkboxes
          legend="Directions (none: all)"
          field={`${prefix}.directions`}
          options={DIRECTIONS}
          value={filters.directions}
          onChange={(v) => onChange(set(filters, 'directions', v))}
          problem={problem}
        />
        <Checkboxes
          legend="Item types (none: all)"
          field={`${prefix}.itemTypes`}
          options={ITEM_TYPES}
          value={filters.itemTypes}
          onChange={(v) => onChange(set(filters, 'itemTypes', v))}
          problem={problem}
        />
        <Field label="Minimum severity" field={`${prefix}.minSeverity`} problem={problem}>
          {(attrs) => (
            <select
              {...attrs}
              value={filters.minSeverity ?? ''}
              onChange={(e) => {
                const chosen = SEVERITIES.find((s) => s === e.currentTarget.value);
                onChange(set(filters, 'minSeverity', chosen));
              }}
            >
              <option value="">Any</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Send changes that"
          field={`${prefix}.applicability`}
          problem={problem}
          hint="relevant: a tightening that does not apply to you is not sent; a relief is"
        >
          {(attrs) => (
            <select
              {...attrs}
              value={filters.applicability ?? 'relevant'}
              onChange={(e) => {
                const chosen = APPLICABILITY_SETTINGS.find((s) => s === e.currentTarget.value);
                onChange(set(filters, 'applicability', chosen === 'relevant' ? undefined : chosen));
              }}
            >
              <option value="relevant">are relevant to you (default)</option>
              <option value="applies">apply to you, or may</option>
              <option value="all">match, whatever they apply to</option>
            </select>
          )}
        </Field>
      </div>
      <fieldset class="entities" data-field={`${prefix}.entities`}>
        <legend>Entity watchlist (companies or people on end-user and sanctions lists)</legend>
        {entities.map((entity, i) => (
          <div class="row" key={i}>
            <label>
              Name
              <input
                value={entity.name}
                onInput={(e) => {
                  const next = entities.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x));
                  onChange(set(filters, 'entities', next));
                }}
              />
            </label>
            <label>
              Country
              <input
                size={4}
                value={entity.country ?? ''}
                onInput={(e) => {
                  const country = e.currentTarget.value.trim();
                  const next = entities.map((x, j) =>
                    j === i ? { name: x.name, ...(country ? { country } : {}) } : x,
                  );
                  onChange(set(filters, 'entities', next));
                }}
              />
            </label>
            <button
              type="button"
              onClick={() =>
                onChange(
                  set(
                    filters,
                    'entities',
                    entities.filter((_, j) => j !== i),
                  ),
                )
              }
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => onChange(set(filters, 'entities', [...entities, { name: '' }]))}>
          Add an entity
        </button>
        <FieldIssues issues={issuesFor(problem, `${prefix}.entities`)} />
      </fieldset>
      <Checkboxes
        legend="Kinds of change (none: lanes and all-items; parties: rules naming companies, which a watchlist hears anyway)"
        field={`${prefix}.scopes`}
        options={SCOPES}
        value={filters.scopes}
        onChange={(v) => onChange(set(filters, 'scopes', v))}
        problem={problem}
      />
      <FieldIssues issues={issuesFor(problem, prefix).filter((i) => i.field === prefix)} />
    </div>
  );
}
