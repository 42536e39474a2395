import * as z from 'zod';
import type { SourceDocument } from '../tagging/tagger.js';

const text = z.string().nullish();

/** The fields of a Federal Register API document the importer reads; the rest are ignored. */
export const FederalRegisterDocumentSchema = z.object({
  document_number: z.string().min(1),
  title: z.string().min(1),
  type: z.string().nullish(),
  subtype: text,
  abstract: text,
  action: text,
  dates: text,
  publication_date: z.iso.date().nullish(),
  effective_on: z.iso.date().nullish(),
  html_url: z.string().nullish(),
  agencies: z.array(z.object({ slug: z.string().nullish(), name: z.string().nullish() }).loose()).nullish(),
  cfr_references: z
    .array(z.object({ title: z.coerce.number().nullish(), part: z.coerce.number().nullish() }).loose())
    .nullish(),
});
export type FederalRegisterDocument = z.infer<typeof FederalRegisterDocumentSchema>;

/** One page of `GET /api/v1/documents.json`: `results` and the link to the next page. */
export const FederalRegisterPageSchema = z.object({
  count: z.number().int().nonnegative().optional(),
  total_pages: z.number().int().nonnegative().optional(),
  next_page_url: z.string().nullish(),
  results: z.array(z.unknown()),
});
export type FederalRegisterPage = z.infer<typeof FederalRegisterPageSchema>;

/** Raised when input is not what the Federal Register API returns; says what and where. */
export class SourceFormatError extends Error {
  override readonly name = 'SourceFormatError';
}

/**
 * Reads a Federal Register API response: a page (`results`), a single document, or an array of
 * pages (several pages saved in one file). Documents that do not parse are reported, not dropped.
 */
export function parseFederalRegisterJson(
  json: unknown,
  where: string,
): {
  documents: FederalRegisterDocument[];
  nextPageUrl?: string;
  invalid: { index: number; problem: string }[];
} {
  const pages = Array.isArray(json) ? json : [json];
  const documents: FederalRegisterDocument[] = [];
  const invalid: { index: number; problem: string }[] = [];
  let nextPageUrl: string | undefined;
  let index = 0;
  for (const [pageIndex, value] of pages.entries()) {
    const page = FederalRegisterPageSchema.safeParse(value);
    const items = page.success ? page.data.results : [value];
    if (page.success && page.data.next_page_url) nextPageUrl = page.data.next_page_url;
    if (!page.success && !(value && typeof value === 'object' && 'document_number' in value)) {
      throw new SourceFormatError(
        `${where}${pages.length > 1 ? ` (page ${pageIndex + 1})` : ''}: not a Federal Register API page (no "results") nor a document (no "document_number")`,
      );
    }
    for (const item of items) {
      const parsed = FederalRegisterDocumentSchema.safeParse(item);
      if (parsed.success) documents.push(parsed.data);
      else {
        const issue = parsed.error.issues[0];
        invalid.push({ index, problem: `${issue?.path.join('.') || 'document'}: ${issue?.message}` });
      }
      index++;
    }
  }
  if (documents.length === 0 && invalid.length === 0) {
    throw new SourceFormatError(`${where}: the page has 0 results`);
  }
  return { documents, invalid, ...(nextPageUrl ? { nextPageUrl } : {}) };
}

/** The tagger's view of a Federal Register document. */
export function federalRegisterSourceDocument(document: FederalRegisterDocument): SourceDocument {
  return {
    source: 'federal-register',
    sourceRef: document.document_number,
    title: document.title,
    ...(document.abstract ? { abstract: document.abstract } : {}),
    ...(document.action ? { action: document.action } : {}),
    ...(document.dates ? { dates: document.dates } : {}),
    ...(document.type ? { documentType: document.type } : {}),
    agencies: (document.agencies ?? []).flatMap((agency) => (agency.slug ? [agency.slug] : [])),
    cfrReferences: (document.cfr_references ?? []).flatMap((reference) =>
      typeof reference.title === 'number' && typeof reference.part === 'number'
        ? [{ title: reference.title, part: reference.part }]
        : [],
    ),
    ...(document.publication_date ? { publishedOn: document.publication_date } : {}),
    ...(document.effective_on ? { effectiveOn: document.effective_on } : {}),
    ...(document.html_url ? { url: document.html_url } : {}),
    issuingRegion: 'US',
  };
}
