/**
 * `shared/ingest/`
 *
 * How policy changes arrive: validation and storage of one change (`ingest.ts`) or a batch, the
 * review queue for imported candidates, the importers in `sources/` (Federal Register,
 * screening list, announcements; the tagger in `sources/tagging/`), the shipped history.
 *
 * Imports: kernel, model, store and the other domain wings; never the API, the wiring or a
 * runtime.
 *
 * The rules are checked by `npm run deps` (.dependency-cruiser.cjs).
 */
export {};
