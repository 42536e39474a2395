import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/function.js';
import { MaterialAlertsStack } from '../../infra/stack.js';

const DOCS = ['README.md', 'docs/decisions.md'];
const TOP_LEVEL = ['shared', 'functions', 'infra', 'console', 'test', 'scripts', 'bench', 'local', 'docs'];
const PATH = new RegExp(`(?<![\\w./-])(?:${TOP_LEVEL.join('|')})/[\\w./-]*[\\w/]`, 'g');
const LINK = /\]\(([^)\s]+)\)/g;

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');

const anchorsOf = (file: string) =>
  new Set(
    read(file)
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) => anchorOf(line.replace(/^#+ /, ''))),
  );

describe('the map in the docs', () => {
  it.each(DOCS)('every repository path %s cites exists', (doc) => {
    const cited = new Set(read(doc).match(PATH) ?? []);
    expect(cited.size).toBeGreaterThan(5);
    const missing = [...cited].filter((path) => !existsSync(join(repoRoot, path)));
    expect(missing).toEqual([]);
  });

  it.each(DOCS)('every relative link in %s reaches a file, and a heading where it names one', (doc) => {
    const broken: string[] = [];
    for (const [, target] of read(doc).matchAll(LINK)) {
      if (!target || /^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const file = path ? join(doc.includes('/') ? doc.slice(0, doc.lastIndexOf('/')) : '', path) : doc;
      if (!existsSync(join(repoRoot, file))) broken.push(target);
      else if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it('the decisions index lists every section, in order', () => {
    const text = read('docs/decisions.md');
    const sections = text
      .split('\n')
      .filter((line) => line.startsWith('## '))
      .map((line) => line.slice(3));
    const index = [...text.matchAll(/^- \[(.+)\]\(#([^)]+)\)$/gm)].map(([, title, anchor]) => ({
      title,
      anchor,
    }));
    expect(index.map((entry) => entry.title)).toEqual(sections);
    expect(index.map((entry) => entry.anchor)).toEqual(sections.map(anchorOf));
  });

  it("the README's count of Lambda functions is the stack's and functions/'s", () => {
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    const readme = read('README.md');
    const said = [
      ...readme.matchAll(
        /\b(one|two|three|four|five|six|seven|eight|nine|ten) (?:Lambda )?(?:functions|Lambda entries)\b/g,
      ),
    ].map(([, word]) => words.indexOf(word ?? ''));
    const stack = new MaterialAlertsStack(
      new App({ context: { 'aws:cdk:bundling-stacks': [] } }),
      'MaterialAlerts',
    );
    const ours = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).filter(
      (resource) =>
        (resource as { Properties?: { Handler?: string } }).Properties?.Handler === 'index.handler',
    );
    const entries = readdirSync(join(repoRoot, 'functions'), { withFileTypes: true }).filter(
      (entry) => entry.isDirectory() && existsSync(join(repoRoot, 'functions', entry.name, 'index.ts')),
    );
    expect(said.length).toBeGreaterThanOrEqual(2);
    expect(new Set(said)).toEqual(new Set([ours.length]));
    expect(entries.length).toBe(ours.length);
    // Building the stack takes seconds, more when other CDK tests run beside it.
  }, 120_000);
});
