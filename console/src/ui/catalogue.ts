import { api, result, type Schemas } from '../api/client';

export type Material = Schemas['Material'];
export type Regions = Schemas['Regions'];

let materials: Promise<Material[]> | undefined;
let regions: Promise<Regions> | undefined;

/** The taxonomy and region codes, read once per page load (the catalogue editor refreshes them). */
export const catalogue = {
  materials: () => {
    materials ??= result(api.GET('/v1/materials')).then((r) => r.items);
    return materials;
  },
  regions: () => {
    regions ??= result(api.GET('/v1/regions'));
    return regions;
  },
  forget: () => {
    materials = undefined;
    regions = undefined;
  },
};

const digits = (text: string) => text.replace(/[.\s]/g, '');

/** Whether a material answers a search by id, name, synonym (Chinese names among them) or HS code. */
export function materialMatches(material: Material, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (material.id.includes(q) || material.name.toLowerCase().includes(q)) return true;
  if (material.symbol?.toLowerCase() === q) return true;
  if (material.synonyms.some((s) => s.toLowerCase().includes(q))) return true;
  const code = digits(q);
  return /^\d{2,}$/.test(code) && material.hsCodes.some((h) => h.startsWith(code) || code.startsWith(h));
}

/** Parent id → children, and the roots; a node with several parents appears under each. */
export function taxonomyTree(items: Material[]) {
  const children = new Map<string, Material[]>();
  const roots: Material[] = [];
  for (const material of items) {
    const parents = material.parents ?? (material.parent ? [material.parent] : []);
    if (parents.length === 0) roots.push(material);
    for (const parent of parents) children.set(parent, [...(children.get(parent) ?? []), material]);
  }
  return { roots, children };
}
