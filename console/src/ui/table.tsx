import type { ComponentChildren, VNode } from 'preact';
import type { Schemas } from '../api/client';
import { Loading, Pager, type usePages } from './data';
import { Time } from './time';

export interface TableProps<T> {
  /** Read by screen readers only. */
  caption: ComponentChildren;
  columns: string[];
  row: (item: T) => VNode;
  class?: string;
  /** Shown instead of the table when there are no items; without it an empty table is shown. */
  empty?: string;
}

/** A list as a table: caption, column headings, one row per item; the empty message when there are none. */
export function ListTable<T>(props: TableProps<T> & { items: T[] | undefined }) {
  const { items } = props;
  if (!items) return null;
  if (items.length === 0 && props.empty !== undefined) return <p>{props.empty}</p>;
  return (
    <table class={props.class}>
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{items.map(props.row)}</tbody>
    </table>
  );
}

/**
 * One page of a cursor-paged list loaded with `useData`: "Loading…" or the problem, the table (or the
 * empty message), then the pager.
 */
export function PagedTable<T>(
  props: TableProps<T> & {
    list: { data: { items: T[]; nextCursor?: string } | undefined; loading: boolean; problem: unknown };
    pages: ReturnType<typeof usePages>;
  },
) {
  const { list, pages } = props;
  return (
    <>
      <Loading loading={list.loading && !list.data} problem={list.problem} />
      <ListTable {...props} items={list.data?.items} />
      <Pager
        page={pages.page}
        nextCursor={list.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </>
  );
}

type ApiKey = Schemas['ApiKey'];

/**
 * Columns and rows for a list of API keys, with "Revoke" on the active ones; `admin` adds the scope
 * and the subscriber (linked to its page).
 */
export function keyTable(admin: boolean, onRevoke: (keyId: string) => void) {
  return {
    columns: ['Key id', ...(admin ? ['Scope', 'Subscriber'] : []), 'Label', 'Status', 'Created', 'Actions'],
    row: (k: ApiKey) => (
      <tr key={k.keyId}>
        <td>
          <code>{k.keyId}</code>
        </td>
        {admin && <td>{k.scope}</td>}
        {admin && (
          <td>
            {k.subscriberId ? <a href={`#/admin/subscribers/${k.subscriberId}`}>{k.subscriberId}</a> : '—'}
          </td>
        )}
        <td>{k.name ?? ''}</td>
        <td>
          <span class={`badge ${k.status}`}>{k.status}</span>
        </td>
        <td>
          <Time iso={k.createdAt} />
        </td>
        <td>
          {k.status === 'active' && (
            <button type="button" class="danger" onClick={() => onRevoke(k.keyId)}>
              Revoke
            </button>
          )}
        </td>
      </tr>
    ),
  };
}
