const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** UTC as people read it: `2026-01-05 08:00:00 UTC`. */
export function utc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** A time in the reader's own zone; hovering shows it in UTC. */
export function Time({ iso }: { iso: string | undefined }) {
  if (!iso) return <span>—</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  return (
    <time dateTime={date.toISOString()} title={utc(iso)}>
      {localFormat.format(date)}
    </time>
  );
}
