/**
 * `shared/wiring/`
 *
 * Composition: configuration from the environment (`config.ts`), the stores and services over
 * one table (`services.ts`), the HTTP API over those services (`api-app.ts`, for the Lambda
 * entry and the local runtime alike), the AWS clients and secrets of the Lambda functions
 * (`aws.ts`).
 *
 * Imports: anything in `shared/`; never a runtime in `local/`.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
