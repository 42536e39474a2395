/**
 * `shared/api/`
 *
 * The HTTP layer: the Hono app, its route groups in `routes/`, authentication, rate limits,
 * problem+json errors, the OpenAPI description.
 *
 * Imports: every wing below it; never the wiring or a runtime (it is wired from outside).
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
