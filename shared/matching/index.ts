/**
 * `shared/matching/`
 *
 * Which subscriptions a policy change reaches: filter and entity matching (pure), the index
 * partitions a subscription is listed under, the matcher that reads the candidates, writes
 * alerts and their deliveries and queues them.
 *
 * Imports: kernel, model, store and the other domain wings; never the API, the wiring or a
 * runtime.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
