/**
 * `shared/api/`
 *
 * The HTTP layer: the Hono app, its route groups in `routes/` (each a sub-app that declares the
 * dependencies it uses and imports nothing from the app; the types they share are in
 * `types.ts`), authentication, rate limits, problem+json errors (the HTTP status of each kind of
 * error is decided in `problem.ts` alone), the OpenAPI description.
 *
 * Imports: every wing below it; never the wiring or a runtime (it is wired from outside).
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
