import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { expect } from 'vitest';
import { type ApiDeps, type App, createApp } from '../../shared/api/app.js';
import type { MatcherDeps } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import type { Subscription } from '../../shared/model/subscription.js';
import { refreshRelated } from '../../shared/policy/refresh.js';
import { hashApiKey } from '../../shared/store/subscriber-store.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier, RecordingQueue } from '../support/recording.js';
import { suiteLog } from '../support/suite-log.js';

export const ADMIN = 'ma_adm_test-bootstrap-admin-key';

/** A parsed response. `json` is whatever the body parsed to (undefined when it is not JSON). */
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field with expect
  json: any;
}

export interface RequestOptions {
  key?: string;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON.stringify(body); no content-type is added unless `headers` has one. */
  raw?: string;
}

/**
 * A small client over `app.request`: `api(app).post('/v1/subscribers', { name: 'x' }, ADMIN)`.
 */
export function api(app: App) {
  const send = async (
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
  return {
    get: (path: string, key?: string, options?: RequestOptions) =>
      send('GET', path, undefined, { ...options, key }),
    post: (path: string, body: unknown, key?: string, options?: RequestOptions) =>
      send('POST', path, body, { ...options, key }),
    patch: (path: string, body: unknown, key?: string, options?: RequestOptions) =>
      send('PATCH', path, body, { ...options, key }),
    delete: (path: string, key?: string, options?: RequestOptions) =>
      send('DELETE', path, undefined, { ...options, key }),
    send,
  };
}
export type Api = ReturnType<typeof api>;

export interface ApiHarness {
  app: App;
  http: Api;
  table: TestTable;
  /** Every change handed to `onPolicyChangeStored`, in order. */
  stored: PolicyChange[];
  /** Number of items in the whole table: a rejected write must leave it unchanged. */
  itemCount: () => Promise<number>;
  /** What the API handed to the delivery queue (replays, test events); nothing consumes it. */
  queue: RecordingQueue;
  /** The e-mail topics the API made and removed (SNS itself is tested at the SDK boundary). */
  notifier: RecordingNotifier;
}

export interface HarnessOptions {
  /** The API's clock; the real time by default. */
  clock?: () => Date;
  secretRotationGraceMs?: number;
  /** Receives every log line (already redacted by the app); silent by default. */
  log?: (entry: Record<string, unknown>) => void;
  /** Rate limit and subscriptions per subscriber; none and the default by default. */
  limits?: ApiDeps['limits'];
  /** Sections of `GET /v1/admin/stats`; none (as deployed) by default. */
  statsSections?: ApiDeps['statsSections'];
  /** How long deliveries and audit records are kept; the defaults by default. */
  retention?: { deliveryMs: number; auditMs: number };
  /** Lookups of unknown keys; the app's own (real time) by default. */
  keyLookups?: ApiDeps['keyLookups'];
  /** Where the API counts; nothing by default. */
  metrics?: ApiDeps['metrics'];
}

/** The app wired to a fresh DynamoDB Local table, as the brief and `npm start` wire it. */
export async function createHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  // The stores read expiry on the same clock as the API, so a simulated date keeps its deliveries.
  const table = await createTestTable({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.retention ? { retention: options.retention } : {}),
  });
  const stored: PolicyChange[] = [];
  const queue = new RecordingQueue();
  const notifier = new RecordingNotifier();
  const app = createApp({
    subscribers: table.subscribers,
    subscriptions: table.subscriptions,
    changes: table.changes,
    deliveries: table.deliveries,
    audit: table.audit,
    directory: table.directory,
    catalogues: table.catalogues,
    recoveryLocks: table.recoveryLocks,
    smsQuota: table.smsQuota,
    reviews: table.reviews,
    feeds: table.feeds,
    calendars: table.calendars,
    catalogue: table.catalogues.current,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.statsSections ? { statsSections: options.statsSections } : {}),
    ...(options.keyLookups ? { keyLookups: options.keyLookups } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    adminKeyHash: async () => hashApiKey(ADMIN),
    webhookPolicy: { allowPrivate: false, requireHttps: true },
    clock: options.clock ?? (() => new Date()),
    log: options.log ?? suiteLog,
    queue,
    notifier,
    ...(options.secretRotationGraceMs !== undefined
      ? { secretRotationGraceMs: options.secretRotationGraceMs }
      : {}),
    onPolicyChangeStored: (change) => {
      stored.push(change);
    },
  });
  const itemCount = async () => {
    let count = 0;
    let start: Record<string, never> | undefined;
    do {
      // A test-only Scan of a table holding a few dozen items; no request path scans.
      const page = await table.client.send(
        new ScanCommand({ TableName: table.tableName, Select: 'COUNT', ExclusiveStartKey: start }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    return count;
  };
  return { app, http: api(app), table, stored, itemCount, queue, notifier };
}

/**
 * The matcher over the harness's table, as the table's stream runs it, with the related changes'
 * lifecycles refreshed as the service wires it; deliveries are queued nowhere.
 */
export function matcherDepsOf(h: ApiHarness, clock: () => Date): MatcherDeps {
  const deps: MatcherDeps = {
    changes: h.table.changes,
    subscriptions: h.table.subscriptions,
    deliveries: h.table.deliveries,
    queue: { enqueue: async () => {} },
    notifier: new RecordingNotifier(),
    catalogue: () => defaultCatalogue(),
    clock,
    onRelationsChanged: refreshRelated(() => deps),
  };
  return deps;
}

/**
 * A harness on a simulated clock with its matcher (`matcherDepsOf`); the timeline may run over a
 * year, so deliveries and audit records are kept for two (90 days by default).
 */
export async function simulatedHarness(
  clock: () => Date,
  options: Omit<HarnessOptions, 'clock' | 'retention'> = {},
): Promise<{ h: ApiHarness; deps: MatcherDeps }> {
  const h = await createHarness({
    ...options,
    clock,
    retention: { deliveryMs: 730 * 86_400_000, auditMs: 730 * 86_400_000 },
  });
  return { h, deps: matcherDepsOf(h, clock) };
}

/** Creates a subscriber through the API; returns its id and (subscriber-scoped) key. */
export async function newSubscriber(http: Api, name = 'Acme Magnets GmbH') {
  const res = await http.post('/v1/subscribers', { name }, ADMIN);
  expect(res.status).toBe(201);
  return { id: res.json.id as string, key: res.json.apiKey as string };
}

/** Creates an ingest key through the API. */
export async function newIngestKey(http: Api): Promise<string> {
  const res = await http.post('/v1/api-keys', { scope: 'ingest' }, ADMIN);
  expect(res.status).toBe(201);
  return res.json.apiKey as string;
}

/** A valid subscription body; override any part. */
export function subscriptionBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Rare earths into Germany',
    filters: { materials: ['rare-earths'], affectedRegions: ['DE', 'EU'], minSeverity: 'medium' },
    webhook: { url: 'https://hooks.example.com/material-alerts' },
    ...overrides,
  };
}

let refCounter = 0;
/** A valid policy change body with a sourceRef unique to this run; override any part. */
export function policyChangeBody(overrides: Record<string, unknown> = {}) {
  refCounter += 1;
  return {
    source: 'mofcom',
    sourceRef: `announcement-2025-${refCounter}-${Date.now()}`,
    revision: 1,
    title: 'Export controls on medium and heavy rare earths',
    summary: 'Licences required for seven medium and heavy rare-earth elements and their compounds.',
    url: 'https://www.mofcom.gov.cn/zfxxgk/art/2025/art_18.html',
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials: ['dysprosium', 'terbium'],
    hsCodes: ['2805.30', '284690'],
    changeType: 'licence-requirement',
    direction: 'tightening',
    severity: 'high',
    conditions: ['no-military-end-use'],
    publishedAt: '2025-04-04T00:00:00+08:00',
    effectiveAt: '2025-04-04T00:00:00+08:00',
    ...overrides,
  };
}

/** Asserts an RFC 9457 problem answer with the given status and a type ending in `/<type>`. */
export function expectProblem(res: ApiResponse, status: number, type?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({
    type: expect.stringMatching(/^https:\/\//),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(res.json.detail.length).toBeGreaterThan(0);
  if (type) expect(res.json.type).toMatch(new RegExp(`/${type}$`));
}

/** The field names a validation problem lists. */
export function problemFields(res: ApiResponse): string[] {
  return ((res.json?.errors ?? []) as { field: string }[]).map((issue) => issue.field);
}

/** The values listed under one field of a validation problem. */
export function problemValues(res: ApiResponse, field: string): string[] {
  const issues = (res.json?.errors ?? []) as { field: string; values?: string[] }[];
  return issues.filter((issue) => issue.field === field).flatMap((issue) => issue.values ?? []);
}

/** Creates a subscription through the API (answered 201) and returns its id and webhook secret. */
export async function createdSubscription(
  h: ApiHarness,
  body: Record<string, unknown> = subscriptionBody(),
  key: string,
) {
  const res = await h.http.post('/v1/subscriptions', body, key);
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; webhook?: { secret: string } };
}

/** The subscription as the store holds it. */
export async function storedSubscriptionOf(h: ApiHarness, id: string): Promise<Subscription> {
  const subscription = await h.table.subscriptions.get(id);
  if (!subscription) throw new Error(`subscription ${id} not stored`);
  return subscription;
}
