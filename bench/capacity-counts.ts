/** Calls and capacity units of one DynamoDB operation kind within a phase. */
export interface OperationCount {
  calls: number;
  /** Calls that failed (a condition that did not hold, throttling); DynamoDB Local reports no capacity for them. */
  failed: number;
  readUnits: number;
  writeUnits: number;
}

/** Totals over phases and operations. */
export function totals(counts: Record<string, Record<string, OperationCount>>): OperationCount {
  const sum: OperationCount = { calls: 0, failed: 0, readUnits: 0, writeUnits: 0 };
  for (const byOperation of Object.values(counts)) {
    for (const count of Object.values(byOperation)) {
      sum.calls += count.calls;
      sum.failed += count.failed;
      sum.readUnits += count.readUnits;
      sum.writeUnits += count.writeUnits;
    }
  }
  return sum;
}

/** Every count of every phase and operation through `f` (each field apart). */
export function mapCounts(
  counts: Record<string, Record<string, OperationCount>>,
  f: (value: number) => number,
): Record<string, Record<string, OperationCount>> {
  return Object.fromEntries(
    Object.entries(counts).map(([phase, byOperation]) => [
      phase,
      Object.fromEntries(
        Object.entries(byOperation).map(([operation, c]) => [
          operation,
          { calls: f(c.calls), failed: f(c.failed), readUnits: f(c.readUnits), writeUnits: f(c.writeUnits) },
        ]),
      ),
    ]),
  );
}

/** Every count divided by `n` (per delivered alert). */
export function perUnit(
  counts: Record<string, Record<string, OperationCount>>,
  n: number,
): Record<string, Record<string, OperationCount>> {
  return mapCounts(counts, (value) => value / n);
}
/**
 * The size DynamoDB bills an item at: attribute names plus values (strings in UTF-8 bytes,
 * numbers at about one byte per two digits plus one, binaries raw, 3 bytes of overhead per list or
 * map and 1 per element), as the DynamoDB developer guide describes item size.
 */
export function itemBytes(item: Record<string, unknown>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name) + valueBytes(value);
  return bytes;
}

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueBytes(v), 0);
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueBytes(v), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value as Record<string, unknown>).reduce(
        (sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + valueBytes(v),
        0,
      )
    );
  }
  return 0;
}
