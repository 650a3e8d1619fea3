import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
const headings = [...changelog.matchAll(/^## (\d+\.\d+\.\d+)\b/gm)].map((m) => m[1]);
const newer = (a: string, b: string) => a.split('.').map(Number).reduce((d, x, i) => d || x - Number(b.split('.')[i]), 0) > 0;

describe('--version, the changelog and the docs agree', () => {
  it('the package version is the changelog\'s newest heading', () => {
    assert.equal(headings[0], pkg.version);
  });

  it('every "Since" version of a rule page is a changelog heading no newer than the package', () => {
    const dir = join(root, 'docs', 'rules');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
      const since = /^\| Since \|([^\n]*)/m.exec(readFileSync(join(dir, name), 'utf8'))?.[1] ?? '';
      for (const v of since.match(/\d+\.\d+\.\d+/g) ?? []) {
        assert.ok(headings.includes(v), `${name}: ${v} is no CHANGELOG heading`);
        assert.ok(!newer(v, pkg.version), `${name}: ${v} is newer than ${pkg.version}`);
      }
    }
  });
});
