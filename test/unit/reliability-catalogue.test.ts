// The reliability catalogue (test/reliability/cases.ts) cannot rot: every named test exists in its file, every heavy
// test file is catalogued, and the README table lists the same 29 cases with the same tests.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CASES } from '../reliability/cases';

const ROOT = join(__dirname, '..', '..');

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The README's reliability table: case number -> the row's cells. */
function readmeRows(): Map<number, string[]> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Reliability'));
  assert.ok(section, 'README.md has a "## Reliability" section');
  const rows = new Map<number, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (/^\d+$/.test(cells[0] ?? '')) rows.set(Number(cells[0]), cells);
  }
  return rows;
}

describe('reliability catalogue', () => {
  test('lists cases 1 to 29 once each, each with at least one test and a figure', () => {
    assert.deepEqual(CASES.map((c) => c.number), Array.from({ length: 29 }, (_, i) => i + 1));
    for (const c of CASES) assert.ok(c.tests.length > 0 && c.figure.length > 0, `case ${c.number}`);
  });

  test('names tests that exist: each file holds an it(), test() or describe() of that exact name', () => {
    for (const c of CASES) {
      for (const t of c.tests) {
        const path = join(ROOT, t.file);
        assert.ok(existsSync(path), `case ${c.number}: ${t.file} exists`);
        const call = new RegExp(`\\b(?:it|test|describe)\\(\\s*(['"\`])${escape(t.name)}\\1`);
        assert.match(readFileSync(path, 'utf8'), call, `case ${c.number}: ${t.file} has a test named "${t.name}"`);
      }
    }
  });

  test('catalogues every heavy test file under test/reliability', () => {
    const named = new Set(CASES.flatMap((c) => c.tests.map((t) => t.file)));
    for (const f of readdirSync(join(ROOT, 'test', 'reliability')).filter((n) => n.endsWith('.test.ts'))) {
      assert.ok(named.has(`test/reliability/${f}`), `${f} proves a catalogued case`);
    }
  });

  test('matches the README table: the same 29 cases, names, test files and test names', () => {
    const rows = readmeRows();
    assert.deepEqual([...rows.keys()], CASES.map((c) => c.number));
    for (const c of CASES) {
      const [, name, tests] = rows.get(c.number)!;
      assert.equal(name, c.name, `case ${c.number}`);
      for (const t of c.tests) {
        assert.ok(tests.includes(t.file), `case ${c.number}: the README names ${t.file}`);
        assert.ok(tests.includes(`"${t.name}"`), `case ${c.number}: the README names "${t.name}"`);
      }
    }
  });
});
