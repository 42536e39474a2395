import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { materialView } from '../../catalogue/catalogue-editing.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { MaterialViewSchema, RegionsViewSchema } from '../schemas.js';

const listMaterials = createRoute({
  method: 'get',
  path: '/v1/materials',
  summary: 'The material taxonomy: ids to use in filters and policy changes',
  responses: {
    200: {
      description: 'Every material and group, with its parents (and the first as v1 `parent`) and ancestors',
      content: { 'application/json': { schema: z.object({ items: z.array(MaterialViewSchema) }) } },
    },
  },
});

const listRegions = createRoute({
  method: 'get',
  path: '/v1/regions',
  summary: 'Region codes: ISO 3166-1 alpha-2 countries, groups and *',
  responses: {
    200: {
      description: 'Countries and groups',
      content: { 'application/json': { schema: RegionsViewSchema } },
    },
  },
});

/** The catalogue is public reference data: no key needed to read it. */
export function catalogueRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(listMaterials, async (c) => {
    const catalogue = await deps.catalogue();
    const items = catalogue.materials().map((material) => materialView(material, catalogue));
    return c.json({ items }, 200);
  });

  app.openapi(listRegions, async (c) => {
    const catalogue = await deps.catalogue();
    return c.json(
      { countries: catalogue.countries(), groups: catalogue.regionGroups(), wildcard: '*' as const },
      200,
    );
  });
}
