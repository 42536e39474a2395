import { useCallback, useEffect, useState } from 'preact/hooks';
import { ProblemBanner } from './forms';

/** Loads data when its inputs change; `reload` loads it again. */
export function useData<T>(load: () => Promise<T>, inputs: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setProblem(undefined);
    } catch (error) {
      setProblem(error);
    } finally {
      setLoading(false);
    }
  }, inputs);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, problem, loading, reload, setData };
}

export function Loading({ loading, problem }: { loading: boolean; problem: unknown }) {
  if (problem) return <ProblemBanner problem={problem} />;
  if (loading) return <p aria-live="polite">Loading…</p>;
  return null;
}

/**
 * Cursor paging: the cursors of the pages seen so far, so "Previous" goes back without the API
 * having to page backwards.
 */
export function usePages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  return {
    cursor,
    page: cursors.length,
    next: (nextCursor: string) => setCursors([...cursors, nextCursor]),
    previous: () => setCursors(cursors.slice(0, -1)),
    reset: () => setCursors([undefined]),
  };
}

export function Pager(props: {
  page: number;
  nextCursor: string | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={props.page <= 1} onClick={props.onPrevious}>
        Previous
      </button>
      <span>Page {props.page}</span>
      <button
        type="button"
        disabled={!props.nextCursor}
        onClick={() => props.nextCursor && props.onNext(props.nextCursor)}
      >
        Next
      </button>
    </nav>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}
