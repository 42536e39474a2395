import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiDeps, ApiEnv } from '../app.js';
import { allow } from '../auth.js';
import { commonErrors, json, security } from '../schemas.js';

/** Named sections of `GET /v1/admin/stats`; each is read when the route is called. */
export type StatsSources = Record<string, () => unknown | Promise<unknown>>;

const AdminStatsSchema = z
  .object({
    at: z.string(),
    process: z.object({
      residentBytes: z.number(),
      heapUsedBytes: z.number(),
      uptimeSeconds: z.number(),
    }),
  })
  .catchall(z.unknown())
  .openapi('AdminStats', {
    description:
      'The serving process, then one section per source: `dynamodbLocal` (engine memory, local mode), `dispatch` (pool, lanes, open circuits, local mode)',
  });

const getStats = createRoute({
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/stats',
  summary: 'How the service is doing: memory of the process and of its parts, dispatch pool and lanes',
  security,
  responses: {
    200: { description: 'The figures now', content: json(AdminStatsSchema) },
    ...commonErrors,
  },
});

/** `GET /v1/admin/stats`: the process itself plus whatever sections the runtime provides. */
export function adminStatsRoutes(app: OpenAPIHono<ApiEnv>, deps: Pick<ApiDeps, 'stats' | 'clock'>): void {
  app.openapi(getStats, async (c) => {
    const memory = process.memoryUsage();
    const sections: Record<string, unknown> = {};
    for (const [name, read] of Object.entries(deps.stats ?? {})) sections[name] = await read();
    return c.json(
      {
        at: deps.clock().toISOString(),
        process: {
          residentBytes: memory.rss,
          heapUsedBytes: memory.heapUsed,
          uptimeSeconds: Math.round(process.uptime()),
        },
        ...sections,
      },
      200,
    );
  });
}
