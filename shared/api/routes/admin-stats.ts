import { OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../kernel/errors.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { json, problemContent, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

/**
 * Sections of `GET /v1/admin/stats`, each read when asked: `metrics` (the same counts the service
 * sends to CloudWatch) and whatever else the running mode can report about itself (`process`,
 * `dynamodbLocal`, `dispatch`).
 */
export type StatsSections = Record<string, () => Promise<unknown>>;

export interface AdminStatsRouteDeps {
  /** What `GET /v1/admin/stats` reports, by section; absent (deployed): the route answers 404. */
  statsSections?: StatsSections;
}

/** The serving process's own figures: the `process` section in local mode. */
export function processFigures() {
  const memory = process.memoryUsage();
  return {
    residentBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    uptimeSeconds: Math.round(process.uptime()),
  };
}

const getStats = defineRoute({
  operationId: 'adminGetStats',
  tags: ['admin'],
  description:
    'Local modes only: running totals of the metrics the service sends to CloudWatch (alerts, deliveries by channel and ' +
    'outcome, latencies, matcher, imports), the memory of the process and of DynamoDB Local, and the dispatch pool, ' +
    'per-endpoint lanes and open circuits, one object per section. Deployed, the figures are on the CloudWatch dashboard ' +
    'and this answers 404. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/stats',
  summary: 'Running metric totals, memory, lanes and circuits (local modes)',
  security,
  responses: {
    200: {
      description:
        'One object per section: `metrics`; in local mode also `process` (memory, uptime), `dynamodbLocal` (engine memory, when started by the process) and `dispatch` (pool, lanes, open circuits, last recovery, sweeps)',
      content: json(z.record(z.string(), z.unknown()).openapi('Stats')),
    },
    404: { description: 'Deployed: the figures are in CloudWatch', content: problemContent },
  },
});

export function adminStatsRoutes(deps: AdminStatsRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(getStats, async (c) => {
    const sections = Object.entries(deps.statsSections ?? {});
    if (sections.length === 0) {
      throw new NotFoundError('statistics (kept in local mode; deployed, see the CloudWatch dashboard)');
    }
    const values = await Promise.all(sections.map(async ([name, read]) => [name, await read()] as const));
    return c.json(Object.fromEntries(values), 200);
  });

  return app;
}
