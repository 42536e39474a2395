import { describe, expect, it } from 'vitest';
import {
  Catalogue,
  type CatalogueData,
  CatalogueDataSchema,
  CatalogueError,
} from '../../shared/model/catalogue.js';

// Building a catalogue from data: its indexes over a DAG, and the inconsistent data it refuses.
const VALID: CatalogueData = {
  materials: [
    { id: 'metals', name: 'Metals', parents: [], kind: 'group', hsCodes: [], synonyms: [] },
    {
      id: 'tin',
      name: 'Tin',
      parents: ['metals'],
      kind: 'element',
      symbol: 'Sn',
      hsCodes: ['800110'],
      synonyms: [],
    },
  ],
  regionGroups: [{ id: 'NORDICS', name: 'Nordic countries', members: ['DK', 'FI', 'IS', 'NO', 'SE'] }],
};

type Node = CatalogueData['materials'][number];

/** A node with defaults for the fields a case does not care about. */
function node(id: string, parents: string[] = [], extra: Partial<Node> = {}): Node {
  return { id, name: id, parents, kind: 'material', hsCodes: [], synonyms: [], ...extra };
}

/**
 * A diamond and a tail: metals <- {base-metals, tin-family} <- solder <- lead-free-solder, plus
 * packaging <- tinplate-cans. `solder` is reached through two parents with a shared grandparent.
 */
const DAG: CatalogueData = {
  materials: [
    node('metals'),
    node('base-metals', ['metals']),
    node('tin-family', ['metals']),
    node('packaging'),
    node('solder', ['base-metals', 'tin-family']),
    node('lead-free-solder', ['solder']),
    node('tinplate-cans', ['packaging', 'tin-family']),
  ],
  regionGroups: [],
};

function withChanges(change: (data: CatalogueData) => void, base: CatalogueData = VALID): CatalogueData {
  const data = structuredClone(base);
  change(data);
  return data;
}

function errorFrom(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('Catalogue.fromData', () => {
  it('indexes consistent data', () => {
    const built = Catalogue.fromData(VALID);
    expect(built.ancestors('tin')).toEqual(['metals']);
    expect(built.descendants('metals')).toEqual(['tin']);
    expect(built.isRegion('nordics')).toBe(true);
  });

  it.each([
    ['solder', ['base-metals', 'tin-family', 'metals']],
    ['lead-free-solder', ['solder', 'base-metals', 'tin-family', 'metals']],
    ['tinplate-cans', ['packaging', 'tin-family', 'metals']],
    ['metals', []],
  ])('lists the ancestors of %s through every parent, once each, nearest first', (id, expected) => {
    expect(Catalogue.fromData(DAG).ancestors(id)).toEqual(expected);
  });

  it.each([
    ['metals', ['base-metals', 'tin-family', 'solder', 'tinplate-cans', 'lead-free-solder']],
    ['tin-family', ['solder', 'tinplate-cans', 'lead-free-solder']],
    ['base-metals', ['solder', 'lead-free-solder']],
    ['packaging', ['tinplate-cans']],
    ['lead-free-solder', []],
  ])('lists the descendants of %s through every child, once each, nearest first', (id, expected) => {
    expect(Catalogue.fromData(DAG).descendants(id)).toEqual(expected);
  });

  it('reads a stored v1 node with a single parent as parents: [parent]', () => {
    const stored = CatalogueDataSchema.parse({
      materials: [
        { id: 'metals', name: 'Metals', kind: 'group', hsCodes: [], synonyms: [] },
        { id: 'tin', name: 'Tin', parent: 'metals', kind: 'element', hsCodes: [], synonyms: [] },
      ],
      regionGroups: [],
    });
    expect(stored.materials.map((m) => [m.id, m.parents])).toEqual([
      ['metals', []],
      ['tin', ['metals']],
    ]);
    expect(Catalogue.fromData(stored).ancestors('tin')).toEqual(['metals']);
  });

  it.each([
    ['a 4-digit heading', '3818'],
    ['an 8-digit national line', '81129210'],
    ['a 10-digit national line', '8112929010'],
  ])('accepts %s as an HS code', (_case, code) => {
    const data = withChanges((d) => d.materials.push(node('gallium-metal', [], { hsCodes: [code] })));
    expect(Catalogue.fromData(data).material('gallium-metal')?.hsCodes).toEqual([code]);
  });

  it.each([
    [
      'an unknown parent',
      withChanges((data) => {
        data.materials.push(node('lead', ['base-metals'], { kind: 'element' }));
      }),
      /unknown parent "base-metals"/,
    ],
    [
      'an unknown second parent',
      withChanges((data) => {
        data.materials.push(node('solder', ['metals', 'alloys']));
      }),
      /"solder" has unknown parent "alloys"/,
    ],
    [
      'a parent listed twice',
      withChanges((data) => {
        data.materials.push(node('solder', ['metals', 'tin', 'metals']));
      }),
      /"solder" lists parent "metals" twice/,
    ],
    [
      'a parent cycle',
      withChanges((data) => {
        data.materials.push(node('alloys', ['tin'], { kind: 'group' }));
        data.materials[0] = node('metals', ['alloys'], { name: 'Metals', kind: 'group' });
      }),
      /"metals" is its own ancestor/,
    ],
    [
      'a cycle through a second parent',
      withChanges((data) => {
        // packaging -> tinplate-cans -> (second parent) packaging
        const packaging = data.materials.find((m) => m.id === 'packaging');
        if (packaging) packaging.parents = ['tinplate-cans'];
      }, DAG),
      /"packaging" is its own ancestor/,
    ],
    [
      'a cycle through a second parent further down',
      withChanges((data) => {
        const tinFamily = data.materials.find((m) => m.id === 'tin-family');
        if (tinFamily) tinFamily.parents = ['metals', 'lead-free-solder'];
      }, DAG),
      /"tin-family" is its own ancestor/,
    ],
    [
      'a node that is its own parent',
      withChanges((data) => {
        data.materials.push(node('lead', ['lead'], { kind: 'element' }));
      }),
      /"lead" is its own ancestor/,
    ],
    [
      'a duplicate material id',
      withChanges((data) => {
        data.materials.push(node('tin', [], { name: 'Tin again', kind: 'element' }));
      }),
      /duplicate material id "tin"/,
    ],
    [
      'a synonym given to two nodes',
      withChanges((data) => {
        data.materials.push(node('lead', [], { synonyms: ['solder metal'] }));
        data.materials.push(node('bismuth', [], { synonyms: ['solder metal'] }));
      }),
      /"solder metal" would name several materials: lead, bismuth/,
    ],
    [
      'a synonym that differs only in case, accents, width or hyphens',
      withChanges((data) => {
        data.materials.push(node('lead', [], { synonyms: ['Solder-Métal'] }));
        data.materials.push(node('bismuth', [], { synonyms: ['ｓｏｌｄｅｒ metal'] }));
      }),
      /"solder metal" would name several materials: lead, bismuth/,
    ],
    [
      'a synonym that is another node’s name',
      withChanges((data) => {
        data.materials.push(node('cassiterite', [], { synonyms: ['tin'] }));
      }),
      /"tin" would name several materials: tin, cassiterite/,
    ],
    [
      'a symbol given to two nodes',
      withChanges((data) => {
        data.materials.push(node('tin-metal', [], { kind: 'element', symbol: 'Sn' }));
      }),
      /symbol "Sn" is given to several materials: tin, tin-metal/,
    ],
    [
      'a synonym spelled like another node’s symbol',
      withChanges((data) => {
        data.materials.push(node('tin-ore', [], { synonyms: ['SN'] }));
      }),
      /"Sn" is the symbol of tin and may not name tin-ore/,
    ],
    [
      'a material id that is not kebab-case',
      withChanges((data) => {
        data.materials.push(node('graphite_natural'));
      }),
      /kebab-case/,
    ],
    [
      'an HS code of three digits',
      withChanges((data) => {
        data.materials.push(node('nickel', [], { kind: 'element', hsCodes: ['750'] }));
      }),
      /4 to 10 digits/,
    ],
    [
      'an HS code of eleven digits',
      withChanges((data) => {
        data.materials.push(node('nickel', [], { kind: 'element', hsCodes: ['75021000001'] }));
      }),
      /4 to 10 digits/,
    ],
    [
      'an HS code with dots',
      withChanges((data) => {
        data.materials.push(node('nickel', [], { kind: 'element', hsCodes: ['7502.10'] }));
      }),
      /4 to 10 digits/,
    ],
    [
      'a group member that is not an ISO code',
      withChanges((data) => {
        data.regionGroups.push({ id: 'BALKANS', name: 'Balkans', members: ['RS', 'XK'] });
      }),
      /member "XK" is not/,
    ],
    [
      'a lower-case group member',
      withChanges((data) => {
        data.regionGroups.push({ id: 'BENELUX', name: 'Benelux', members: ['BE', 'nl', 'LU'] });
      }),
      /member "nl" is not/,
    ],
    [
      'a group id that is an ISO code',
      withChanges((data) => {
        data.regionGroups.push({ id: 'DE', name: 'Germany and friends', members: ['DE', 'AT'] });
      }),
      /"DE" collides with an ISO 3166-1 code/,
    ],
    [
      'a duplicate group id',
      withChanges((data) => {
        data.regionGroups.push({ id: 'NORDICS', name: 'Nordics again', members: ['SE'] });
      }),
      /duplicate region group "NORDICS"/,
    ],
  ])('rejects %s with a CatalogueError', (_case, data, message) => {
    const error = errorFrom(() => Catalogue.fromData(data));
    expect(error).toBeInstanceOf(CatalogueError);
    expect(error).toMatchObject({ message: expect.stringMatching(message) });
  });

  it('freezes its data so the indexes cannot go stale', () => {
    const built = Catalogue.fromData(structuredClone(VALID));
    expect(Object.isFrozen(built.data.materials)).toBe(true);
    expect(() => built.data.materials.push(node('lead'))).toThrow(TypeError);
  });
});
