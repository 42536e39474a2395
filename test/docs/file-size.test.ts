import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/function.js';

/** Where the project's own code lives, tests, benches and scripts included. */
const ROOTS = ['shared', 'functions', 'infra', 'local', 'console/src', 'scripts', 'bench', 'test'];
const CODE = /\.(ts|tsx|mts|mjs|cjs|js|css)$/;
/** Written by a generator, never by hand: openapi-typescript's types of the API. */
const GENERATED = new Set(['console/src/api/schema.d.ts']);
const MAX_LINES = 500;

function codeFiles(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : codeFiles(path);
    return CODE.test(entry.name) ? [path] : [];
  });
}

describe('the size of the code', () => {
  it(`keeps every hand-written source, test and script file at ${MAX_LINES} lines or fewer`, () => {
    const files = ROOTS.flatMap(codeFiles).filter((file) => !GENERATED.has(file));
    expect(files.length).toBeGreaterThan(300);
    const over = files
      .map((file) => ({ file, lines: readFileSync(join(repoRoot, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${relative('.', file)}: ${lines} lines`);
    expect(over).toEqual([]);
  });
});
