import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import '../../shared/kernel/validation-messages.js';

/** Bundled by bundled-zod.test.ts as the functions are, and imported as is, to compare the two. */
const Probe = z
  .object({
    name: z.string().min(3),
    count: z.number().int(),
    kind: z.enum(['a', 'b']),
    when: z.iso.datetime(),
    note: z.string().refine((value) => value.length > 1),
  })
  .strict()
  .openapi('Probe');

/** Each issue as `path: message`, as problem+json `errors[]` carry them. */
export function messages(input: unknown): string[] {
  const result = Probe.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

export function document(): unknown {
  const app = new OpenAPIHono();
  const route = createRoute({
    method: 'post',
    path: '/probe',
    request: { body: { content: { 'application/json': { schema: Probe } } } },
    responses: { 200: { description: 'accepted' } },
  });
  app.openapi(route, (c) => c.json({}, 200));
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'probe', version: '1' } });
}
