/**
 * `shared/kernel/`
 *
 * The floor every wing stands on: the error vocabulary (`errors.ts`), ids, bounded concurrency,
 * the metrics port, log redaction and the `Log` type, durations (`15s`, `5m`), zod's messages.
 *
 * Imports: nothing of the project.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
