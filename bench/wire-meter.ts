import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationCount } from './capacity-counts.js';

/** Operations whose capacity DynamoDB reports when asked (`ReturnConsumedCapacity`). */
const CAPACITY_OPERATIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'TransactGetItems',
]);

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

interface Capacity {
  CapacityUnits?: number;
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

/** Counts of one operation at the wire, with the index writes inside the capacity shown apart. */
export interface WireCount extends OperationCount {
  /** Of the capacity, what went to global secondary indexes. */
  indexUnits: number;
}

/**
 * A metering proxy in front of DynamoDB (Local): an HTTP server on loopback that forwards every
 * DynamoDB JSON request unchanged but for `ReturnConsumedCapacity: 'INDEXES'` where the operation
 * takes it and the caller did not ask, and counts the calls per operation and the capacity each
 * response reports (index writes included). Whatever talks to DynamoDB through `url` is measured,
 * retries included, whichever code made the call: the whole running service, not one store.
 * Responses are passed on byte for byte (the SDK checks their CRC32).
 *
 * @example
 * const meter = await WireMeter.start(engine.endpoint);
 * // point DYNAMODB_ENDPOINT (or a client's endpoint) at meter.url, run the work, then
 * meter.take(); // { other: { PutItem: { calls, writeUnits, ... } } }
 * await meter.close();
 */
export class WireMeter {
  /** What the counts are filed under until changed (the bench names its steps). */
  phase = 'other';
  private counts = new Map<string, Map<string, WireCount>>();

  private constructor(
    private readonly server: http.Server,
    private readonly agent: http.Agent,
    /** Where the proxy listens: give it as the DynamoDB endpoint. */
    readonly url: string,
  ) {}

  /** Starts the proxy in front of `target` (DynamoDB Local's endpoint). */
  static async start(target: string): Promise<WireMeter> {
    const upstream = new URL(target);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    let meter: WireMeter | undefined;
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (meter) meter.forward(upstream, request, Buffer.concat(chunks), response);
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) =>
      server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve),
    );
    const { port } = server.address() as AddressInfo;
    meter = new WireMeter(server, agent, `http://127.0.0.1:${port}`);
    return meter;
  }

  private forward(
    upstream: URL,
    request: http.IncomingMessage,
    body: Buffer,
    response: http.ServerResponse,
  ): void {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1) || 'unknown';
    let payload = body;
    if (CAPACITY_OPERATIONS.has(operation)) {
      try {
        const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        if (input.ReturnConsumedCapacity === undefined || input.ReturnConsumedCapacity === 'NONE') {
          input.ReturnConsumedCapacity = 'INDEXES';
          payload = Buffer.from(JSON.stringify(input), 'utf8');
        }
      } catch {
        // Not JSON: forwarded as it came, counted as a call.
      }
    }
    const count = this.entry(this.phase, operation);
    count.calls += 1;
    const headers = { ...request.headers, host: upstream.host, 'content-length': String(payload.length) };
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: request.url,
        method: request.method,
        headers,
        agent: this.agent,
      },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(parts);
          this.read(operation, count, answer.statusCode ?? 0, text);
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          response.end(text);
        });
      },
    );
    outgoing.on('error', (error) => {
      count.failed += 1;
      response.destroy(error);
    });
    outgoing.end(payload);
  }

  /** Adds what one response says it consumed. */
  private read(operation: string, count: WireCount, status: number, body: Buffer): void {
    if (status !== 200) {
      count.failed += 1;
      return;
    }
    let output: { ConsumedCapacity?: Capacity | Capacity[] };
    try {
      output = JSON.parse(body.toString('utf8')) as typeof output;
    } catch {
      return;
    }
    for (const consumed of ([] as Capacity[]).concat(output.ConsumedCapacity ?? [])) {
      const units = consumed.CapacityUnits ?? 0;
      if (READS.has(operation)) count.readUnits += units;
      else count.writeUnits += units;
      for (const index of Object.values(consumed.GlobalSecondaryIndexes ?? {}))
        count.indexUnits += index.CapacityUnits ?? 0;
    }
  }

  private entry(phase: string, operation: string): WireCount {
    let byOperation = this.counts.get(phase);
    if (!byOperation) {
      byOperation = new Map();
      this.counts.set(phase, byOperation);
    }
    let count = byOperation.get(operation);
    if (!count) {
      count = { calls: 0, failed: 0, readUnits: 0, writeUnits: 0, indexUnits: 0 };
      byOperation.set(operation, count);
    }
    return count;
  }

  /** Everything counted since the last take, by phase and operation; the counts start again. */
  take(): Record<string, Record<string, WireCount>> {
    const taken = Object.fromEntries(
      [...this.counts].map(([phase, byOperation]) => [phase, Object.fromEntries(byOperation)]),
    );
    this.counts = new Map();
    this.phase = 'other';
    return taken;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }
}
