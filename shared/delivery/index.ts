/**
 * `shared/delivery/`
 *
 * Getting an alert to its receiver: the dispatcher and replays; `retry/` (the retry schedule
 * and what an attempt's outcome means), `endpoint/` (per-endpoint lanes, rate limits and the
 * circuit breaker, with their store), `queue/` (the in-process queue and SQS), `webhooks/`
 * (signing, the HTTP sender, the URL policy), `notify/` (SNS for SMS, e-mail and the operator
 * topic).
 *
 * Imports: kernel, model, store and the other domain wings; never the API, the wiring or a
 * runtime.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
