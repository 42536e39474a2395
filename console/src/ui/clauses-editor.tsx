import { type Filters, FiltersEditor, type SubscriptionFilters } from './filters-editor';

/** Most clauses one subscription holds (the API refuses more). */
const MAX_CLAUSES = 10;

/** The clauses of the filters: a single object is one clause. */
export function clausesOf(filters: SubscriptionFilters): Filters[] {
  return Array.isArray(filters) ? filters : [filters];
}

/** One clause stays a single object (the v2 shape); several are sent as a list. */
function asFilters(clauses: Filters[]): SubscriptionFilters {
  return clauses.length === 1 && clauses[0] ? clauses[0] : clauses;
}

/** The filters without the watchlist rows left empty in the form. */
export function cleanFilters(filters: SubscriptionFilters): SubscriptionFilters {
  return asFilters(
    clausesOf(filters).map((clause) => {
      const entities = clause.entities?.filter((e) => e.name.trim() !== '');
      const { entities: _entities, ...rest } = clause;
      return entities?.length ? { ...rest, entities } : rest;
    }),
  );
}

/**
 * The subscription's clauses, each with every filter; any clause may match. Adding a clause turns
 * the filters into a list, removing all but one turns them back into a single object.
 */
export function ClausesEditor(props: {
  value: SubscriptionFilters;
  onChange: (filters: SubscriptionFilters) => void;
  problem: unknown;
}) {
  const clauses = clausesOf(props.value);
  const several = Array.isArray(props.value);
  const replace = (index: number, clause: Filters) =>
    props.onChange(asFilters(clauses.map((c, i) => (i === index ? clause : c))));
  return (
    <div class="clauses">
      {several && (
        <p class="hint">
          Any of these {clauses.length} clauses may match; a change matched by several is sent once, naming
          them in <code>data.match.clauses</code>.
        </p>
      )}
      {clauses.map((clause, index) => (
        <fieldset class="clause" key={index} data-clause={index}>
          <legend>{several ? `Clause ${index + 1}` : 'Filters'}</legend>
          <FiltersEditor
            value={clause}
            onChange={(next) => replace(index, next)}
            problem={props.problem}
            prefix={several ? `filters.${index}` : 'filters'}
            index={index}
          />
          {several && (
            <button
              type="button"
              onClick={() => props.onChange(asFilters(clauses.filter((_, i) => i !== index)))}
            >
              Remove clause {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      {clauses.length < MAX_CLAUSES && (
        <button type="button" onClick={() => props.onChange([...clauses, {}])}>
          Add a clause
        </button>
      )}
    </div>
  );
}
