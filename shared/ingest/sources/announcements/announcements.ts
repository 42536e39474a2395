import * as z from 'zod';
import { fieldIssues } from '../../../kernel/errors.js';
import { PolicyChangeInputSchema } from '../../../model/policy-change.js';
import { SourceFormatError } from '../federal-register/federal-register-document.js';
import type { ImportItem } from '../import/import-run.js';

const FileSchema = z.union([z.array(z.unknown()), z.object({ items: z.array(z.unknown()) })]);

/**
 * Reads hand-written changes in the API's own shape (a JSON array, or `{"items": [...]}`), e.g.
 * MOFCOM announcements, which have no machine-readable feed. Every item is validated before any is
 * sent: one bad item refuses the file, naming the item and field.
 */
export function announcementItems(json: unknown, where: string): ImportItem[] {
  const file = FileSchema.safeParse(json);
  if (!file.success)
    throw new SourceFormatError(`${where}: expected a JSON array of policy changes or {"items": [...]}`);
  const raw = Array.isArray(file.data) ? file.data : file.data.items;
  if (raw.length === 0) throw new SourceFormatError(`${where}: the file has no changes`);
  const problems: string[] = [];
  const items: ImportItem[] = [];
  for (const [index, value] of raw.entries()) {
    const parsed = PolicyChangeInputSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(
        ...fieldIssues(parsed.error, `[${index}]`).map((issue) => `${issue.field}: ${issue.message}`),
      );
      continue;
    }
    const change = parsed.data as Record<string, unknown> & typeof parsed.data;
    const list = (key: string, fallback: unknown[]) => (Array.isArray(change[key]) ? change[key] : fallback);
    items.push({
      sourceRef: change.sourceRef,
      review: 'auto',
      // Written by a person: published as written.
      line: {
        sourceRef: change.sourceRef,
        title: change.title,
        materials: change.materials,
        hsCodes: change.hsCodes ?? [],
        changeType: change.changeType,
        direction: change.direction ?? 'neutral',
        issuingRegion: change.issuingRegion,
        originRegions: list('originRegions', []),
        affectedRegions: change.affectedRegions,
        itemTypes: list('itemTypes', ['goods']),
        entities: list('entities', []),
        severity: change.severity,
        confidence: 1,
        review: 'auto',
      },
      body: { ...parsed.data },
    });
  }
  if (problems.length > 0) {
    throw new SourceFormatError(
      `${where}: ${problems.length} problem(s), nothing imported: ${problems.slice(0, 10).join('; ')}`,
    );
  }
  return items;
}
