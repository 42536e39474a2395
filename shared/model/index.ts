/**
 * `shared/model/`
 *
 * The records and their pure rules: the policy change and its vocabulary, the lifecycle
 * (`lifecycle.ts`: status at an instant, relations), the catalogue of materials and regions,
 * the subscription, the alert and delivery, the audit record. Schemas are zod; types are
 * inferred from them.
 *
 * Imports: the kernel.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
