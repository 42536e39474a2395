import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPONENT_NOTES } from '../../shared/api/document-notes.js';
import { ADMIN, type ApiHarness, createHarness, newSubscriber, subscriptionBody } from './support.js';

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  tags: { name: string; description: string }[];
  components: { schemas: Record<string, { example?: unknown; properties?: Record<string, unknown> }> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

let h: ApiHarness;
let doc: Document;
let operations: { method: string; path: string; op: Operation }[];
beforeAll(async () => {
  h = await createHarness();
  doc = (await h.http.get('/openapi.json')).json;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ method, path, op })),
  );
});

describe('the API description', () => {
  it('is the one committed in docs/openapi.json (npm run api:generate refreshes it)', () => {
    expect(JSON.parse(readFileSync('docs/openapi.json', 'utf8'))).toEqual(doc);
  });

  it('declares the five tags with descriptions', () => {
    expect(doc.tags.map((t) => t.name).sort()).toEqual([
      'admin',
      'catalogue',
      'deliveries',
      'ingest',
      'subscriber',
    ]);
    for (const tag of doc.tags) expect(tag.description.length, tag.name).toBeGreaterThan(20);
  });

  it('gives every operation a unique operationId, a known tag, a summary and a description', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const { method, path, op } of operations) {
      const name = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.tags?.length, name).toBeGreaterThan(0);
      for (const tag of op.tags ?? []) expect(tags.has(tag), `${name}: ${tag}`).toBe(true);
      expect(op.summary?.length, name).toBeGreaterThan(5);
      expect(op.description?.length, name).toBeGreaterThan(30);
    }
  });

  it('documents the error answers each operation can give', () => {
    for (const { method, path, op } of operations) {
      const name = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(op.responses);
      expect(statuses, name).toContain('429');
      if (op.security && op.security.length > 0) {
        for (const status of ['401', '403']) expect(statuses, name).toContain(status);
      }
      if (op.requestBody) {
        for (const status of ['400', '413', '415', '422']) expect(statuses, name).toContain(status);
      }
      if (path.includes('{')) expect(statuses, name).toContain('404');
      if (op.parameters?.length) expect(statuses, name).toContain('422');
    }
  });

  it('has notes only for properties that exist', () => {
    for (const [component, note] of Object.entries(COMPONENT_NOTES)) {
      const schema = doc.components.schemas[component];
      expect(schema, component).toBeDefined();
      for (const property of [
        ...Object.keys(note.properties ?? {}),
        ...Object.keys(note.itemSchemas ?? {}),
      ]) {
        expect(Object.keys(schema?.properties ?? {}), `${component}.${property}`).toContain(property);
      }
    }
  });

  it('gives every request body an example that the service accepts', async () => {
    const subscriber = await newSubscriber(h.http);
    const created = await h.http.post('/v1/subscriptions', subscriptionBody(), subscriber.key);
    expect(created.status).toBe(201);
    const withSlack = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ slack: { url: 'https://hooks.slack.com/services/T0/B0/example' } }),
      subscriber.key,
    );
    expect(withSlack.status, withSlack.text).toBe(201);
    // The SMS examples' number on two subscriptions: one to confirm, one still pending to text again.
    const smsExample = doc.components.schemas.SmsConfirmInput?.example as
      | { phoneNumber?: string }
      | undefined;
    const smsNumber = smsExample?.phoneNumber ?? '';
    const texted = async () => {
      const res = await h.http.post(
        '/v1/subscriptions',
        { ...subscriptionBody(), sms: [smsNumber] },
        subscriber.key,
      );
      expect(res.status).toBe(201);
      return res.json.id as string;
    };
    const toConfirm = await texted();
    const code = /(\d{6}) is your code/.exec(h.notifier.sms.at(-1)?.message ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const toResend = await texted();
    // Two imported changes in the review queue: one to approve, one to reject.
    const queued = async (sourceRef: string) => {
      const res = await h.http.post(
        '/v1/policy-changes',
        {
          source: 'federal-register',
          sourceRef,
          title: 'Antimony trisulfide from China: notice of an antidumping investigation',
          issuingRegion: 'US',
          affectedRegions: ['US'],
          materials: ['antimony'],
          changeType: 'trade-investigation',
          severity: 'low',
          reviewStatus: 'pending',
          confidence: 0.5,
        },
        ADMIN,
      );
      expect(res.status, res.text).toBe(202);
      expect(res.json.reviewStatus).toBe('pending');
      return res.json.id as string;
    };
    const toApprove = await queued('2024-90001');
    const toReject = await queued('2024-90002');
    // Who may call each operation, the ids its path names, and what of the example only a run can know.
    const callers: Record<
      string,
      { key: string; ids?: Record<string, string>; body?: (example: Record<string, unknown>) => unknown }
    > = {
      createSubscriber: { key: ADMIN },
      createApiKey: { key: ADMIN },
      createSubscription: { key: subscriber.key },
      updateSubscription: { key: subscriber.key, ids: { id: created.json.id } },
      recoverDeliveries: { key: subscriber.key, ids: { id: created.json.id } },
      sendTestEvent: { key: subscriber.key, ids: { id: created.json.id } },
      createOwnApiKey: { key: subscriber.key },
      adminUpdateSubscription: { key: ADMIN, ids: { id: created.json.id } },
      ingestPolicyChange: { key: ADMIN },
      ingestPolicyChangeBatch: { key: ADMIN },
      adminApproveReviewItem: { key: ADMIN, ids: { id: toApprove } },
      adminRejectReviewItem: { key: ADMIN, ids: { id: toReject } },
      putMaterial: { key: ADMIN },
      putRegionGroup: { key: ADMIN },
      confirmSmsNumber: {
        key: subscriber.key,
        ids: { id: toConfirm },
        // The code is the one texted; the rest is the example's.
        body: (example) => ({ ...example, code }),
      },
      resendSmsCode: { key: subscriber.key, ids: { id: toResend } },
      adminRenameSubscriber: { key: ADMIN, ids: { id: subscriber.id } },
      updateOwnSubscriber: { key: subscriber.key },
      adminRetryDeadDeliveries: { key: ADMIN },
      sendChatTest: { key: subscriber.key, ids: { id: withSlack.json.id } },
      previewSubscription: { key: subscriber.key },
    };
    const withBody = operations.filter(({ op }) => op.requestBody);
    expect(withBody.map(({ op }) => op.operationId).sort()).toEqual(Object.keys(callers).sort());
    for (const { method, path, op } of withBody) {
      const ref = op.requestBody?.content['application/json']?.schema.$ref ?? '';
      const example = doc.components.schemas[ref.replace('#/components/schemas/', '')]?.example;
      expect(example, `${op.operationId} has an example`).toBeDefined();
      const caller = callers[op.operationId ?? ''];
      // Path ids: those of this test's records, or the parameter's own documented example.
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const param = op.parameters?.find((p) => p.name === name) as {
          example?: string;
          schema?: { example?: string };
        };
        return caller?.ids?.[name] ?? param?.schema?.example ?? param?.example ?? '';
      });
      const body = caller?.body ? caller.body(example as Record<string, unknown>) : example;
      const res = await h.http.send(method.toUpperCase(), url, body, { key: caller?.key ?? '' });
      expect(res.status, `${op.operationId}: ${res.text}`).toBeLessThan(300);
      // A batch answers 200 whatever its items: each of the example's items must be taken too.
      const results: { status: string }[] = res.json?.results ?? [];
      for (const item of results) expect(item.status, `${op.operationId}: ${res.text}`).toBe('created');
    }
  });
});
