/**
 * `shared/subscriptions/`
 *
 * Subscribers and their subscriptions: API keys and a subscriber's deletion with all it owns
 * (`subscriber-service.ts`); subscriptions' creation and edits with their limits, webhook
 * secrets, SMS confirmation.
 *
 * Imports: kernel, model, store and the other domain wings; never the API, the wiring or a
 * runtime.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
