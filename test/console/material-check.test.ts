import { describe, expect, it } from 'vitest';
import { materialIssues } from '../../console/src/ui/material-check.js';

const draft = {
  id: 'scandium-oxide',
  name: 'Scandium oxide',
  parents: ['scandium'],
  symbol: '',
  hsCodes: ['2846'],
};
const fields = (overrides: Partial<typeof draft>) =>
  materialIssues({ ...draft, ...overrides }).map((i) => i.field);

describe('the catalogue editor checks a material before sending it', () => {
  it('sends a complete material', () => {
    expect(materialIssues(draft)).toEqual([]);
  });

  it.each([
    [{ id: '', name: '' }, ['id', 'name']],
    [{ id: 'Scandium Oxide' }, ['id']],
    [{ name: '   ' }, ['name']],
    [{ parents: ['Rare Earths'] }, ['parents']],
    [{ symbol: 'sc' }, ['symbol']],
    [{ hsCodes: ['28.46'] }, ['hsCodes']],
    [{ hsCodes: ['284'] }, ['hsCodes']],
  ])('%j is refused on %j', (overrides, expected) => {
    expect(fields(overrides)).toEqual(expected);
  });
});
