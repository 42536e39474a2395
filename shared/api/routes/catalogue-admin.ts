import { OpenAPIHono, z } from '@hono/zod-openapi';
import { MaterialIdSchema } from '../../model/policy-change.js';
import {
  type CatalogueEditDeps,
  deleteMaterial,
  MaterialInputSchema,
  putMaterial,
  putRegionGroup,
  RegionGroupIdSchema,
  RegionGroupInputSchema,
} from '../../policy/catalogue-editing.js';
import { actorOf } from '../audit-context.js';
import { type AuthDeps, allow, authenticate } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { json, MaterialViewSchema, problemContent, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

const MaterialParamSchema = z.object({
  id: MaterialIdSchema.clone().openapi({ param: { name: 'id', in: 'path' }, example: 'scandium' }),
});
const GroupParamSchema = z.object({
  id: RegionGroupIdSchema.openapi({ param: { name: 'id', in: 'path' }, example: 'FIVE-EYES' }),
});
const RegionGroupViewSchema = z
  .object({ id: z.string(), name: z.string(), members: z.array(z.string()) })
  .openapi('RegionGroup');

export type CatalogueAdminRouteDeps = AuthDeps & CatalogueEditDeps;

/** The catalogue is data: administrators edit it, and matching follows from the next change on. */
export function catalogueAdminRoutes(deps: CatalogueAdminRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  // Each route authenticates itself: GET /v1/materials and GET /v1/regions stay public, so no
  // prefix-wide middleware may cover these paths.
  const adminOnly = [authenticate(deps), allow('admin')];

  app.openapi(
    defineRoute({
      operationId: 'putMaterial',
      tags: ['catalogue', 'admin'],
      description:
        'Creates the material or replaces it whole; new `parents` (or the v1 `parent`) move it with everything below it, and matching follows from the next change on. ' +
        'Every edit is on the audit trail. Admin keys only.',
      middleware: adminOnly,
      method: 'put',
      path: '/v1/materials/{id}',
      summary: 'Create or replace a material',
      security,
      request: {
        params: MaterialParamSchema,
        body: { required: true, content: json(MaterialInputSchema.clone().openapi('MaterialInput')) },
      },
      responses: {
        200: { description: 'Replaced (or unchanged)', content: json(MaterialViewSchema) },
        201: { description: 'Created', content: json(MaterialViewSchema) },
        409: { description: 'Concurrent edits kept conflicting; try again', content: problemContent },
      },
    }),
    async (c) => {
      const { material, created } = await putMaterial(
        deps,
        { actor: actorOf(c.get('principal')), requestId: c.get('requestId') },
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(material, created ? 201 : 200);
    },
  );

  app.openapi(
    defineRoute({
      operationId: 'deleteMaterial',
      tags: ['catalogue', 'admin'],
      description:
        "Removes a material that is nobody's parent and that no subscription names (409 says how many do). Admin keys only.",
      middleware: adminOnly,
      method: 'delete',
      path: '/v1/materials/{id}',
      summary: 'Remove a material',
      security,
      request: { params: MaterialParamSchema },
      responses: {
        204: { description: 'Removed' },
        404: { description: 'No such material', content: problemContent },
        409: {
          description: 'Still a parent, or named by subscriptions (the detail says how many)',
          content: problemContent,
        },
      },
    }),
    async (c) => {
      await deleteMaterial(
        deps,
        { actor: actorOf(c.get('principal')), requestId: c.get('requestId') },
        c.req.valid('param').id,
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    defineRoute({
      operationId: 'putRegionGroup',
      tags: ['catalogue', 'admin'],
      description:
        'Creates the region group or replaces its name and members (ISO alpha-2 codes); filters naming the group follow its new members. Admin keys only.',
      middleware: adminOnly,
      method: 'put',
      path: '/v1/regions/groups/{id}',
      summary: 'Create or replace a region group',
      security,
      request: {
        params: GroupParamSchema,
        body: { required: true, content: json(RegionGroupInputSchema.clone().openapi('RegionGroupInput')) },
      },
      responses: {
        200: { description: 'Replaced (or unchanged)', content: json(RegionGroupViewSchema) },
        201: { description: 'Created', content: json(RegionGroupViewSchema) },
        409: { description: 'Concurrent edits kept conflicting; try again', content: problemContent },
      },
    }),
    async (c) => {
      const { group, created } = await putRegionGroup(
        deps,
        { actor: actorOf(c.get('principal')), requestId: c.get('requestId') },
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(group, created ? 201 : 200);
    },
  );

  return app;
}
