import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Catalogue } from '../../model/catalogue.js';
import { materialView } from '../../policy/catalogue-editing.js';
import { defineRoute } from '../openapi.js';
import { json, MaterialViewSchema, RegionsViewSchema } from '../schemas.js';
import type { ApiEnv } from '../types.js';

export interface CatalogueRouteDeps {
  catalogue: () => Catalogue | Promise<Catalogue>;
}

const listMaterials = defineRoute({
  operationId: 'listMaterials',
  tags: ['catalogue'],
  description:
    'Every node of the material taxonomy (elements, groups such as `rare-earths`, products) with its parent, symbol, HS codes, synonyms ' +
    'and ancestors. Filters and policy changes name materials by these ids; a filter on a group hears about everything below it and the reverse. No key needed.',
  method: 'get',
  path: '/v1/materials',
  summary: 'The material taxonomy',
  responses: {
    200: {
      description: 'Every material and group, with its parents (and the first as v1 `parent`) and ancestors',
      content: json(z.object({ items: z.array(MaterialViewSchema) }).openapi('MaterialList')),
    },
  },
});

const listRegions = defineRoute({
  operationId: 'listRegions',
  tags: ['catalogue'],
  description:
    'ISO 3166-1 alpha-2 country codes with names, region groups (`EU`, `G7`, …) with their members, and `*` for all countries. No key needed.',
  method: 'get',
  path: '/v1/regions',
  summary: 'Region codes and groups',
  responses: {
    200: {
      description: 'Countries and groups',
      content: json(RegionsViewSchema),
    },
  },
});

/** The catalogue is public reference data: no key needed to read it. */
export function catalogueRoutes(deps: CatalogueRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(listMaterials, async (c) => {
    const catalogue = await deps.catalogue();
    const items = catalogue.materials().map((material) => materialView(material, catalogue));
    return c.json({ items }, 200);
  });

  app.openapi(listRegions, async (c) => {
    const catalogue = await deps.catalogue();
    return c.json(
      {
        countries: catalogue.countries().map((country) => {
          const aliases = catalogue.countryAliases(country.code);
          return aliases.length > 0 ? { ...country, aliases: [...aliases] } : country;
        }),
        groups: catalogue.regionGroups(),
        wildcard: '*' as const,
      },
      200,
    );
  });

  return app;
}
