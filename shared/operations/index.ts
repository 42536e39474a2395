/**
 * `shared/operations/`
 *
 * Keeping the service running: the scheduler's run (`scheduler-run.ts`, the same on Lambda and
 * locally) and its parts, the recovery sweep and reminders; the subscription audit trail; metrics
 * as CloudWatch EMF.
 *
 * Imports: kernel, model, store and the other domain wings; never the API, the wiring or a
 * runtime.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
