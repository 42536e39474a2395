import type { FieldIssue } from '../kernel/errors.js';
import type { Catalogue } from '../model/catalogue.js';

/** Unknown material ids and region codes, each listed under the field that holds them. */
export function catalogueIssues(
  catalogue: Catalogue,
  fields: { field: string; materials?: readonly string[]; regions?: readonly string[] }[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const { field, materials, regions } of fields) {
    const unknownMaterials = materials ? catalogue.unknownMaterials(materials) : [];
    if (unknownMaterials.length > 0) {
      issues.push({
        field,
        message: 'unknown material ids (see GET /v1/materials)',
        values: unknownMaterials,
      });
    }
    const unknownRegions = regions ? catalogue.unknownRegions(regions) : [];
    if (unknownRegions.length > 0) {
      issues.push({
        field,
        message: 'unknown region codes: use ISO 3166-1 alpha-2 codes, group ids or * (see GET /v1/regions)',
        values: unknownRegions,
      });
    }
  }
  return issues;
}
