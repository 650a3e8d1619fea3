import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const serverSrc = join(root, 'server', 'src');

/** Relative specifiers of static imports and re-exports (`import type` too) and of `import('./x')`. */
function relativeImports(text: string): string[] {
  const found: string[] = [];
  const staticForm = /^(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  const dynamicForm = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(staticForm)) found.push(m[1]);
  for (const m of text.matchAll(dynamicForm)) found.push(m[1]);
  return found;
}

/** The .ts file a relative specifier names (`./x` -> x.ts or x/index.ts), if it exists. */
function resolveImport(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, join(base, 'index.ts'), base].find((p) => p.endsWith('.ts') && existsSync(p) && statSync(p).isFile());
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFilesUnder(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFilesUnder(dir).sort()) {
    const targets = relativeImports(readFileSync(file, 'utf8')).map((s) => resolveImport(file, s));
    graph.set(file, [...new Set(targets.filter((t): t is string => t !== undefined))].sort());
  }
  return graph;
}

/** One cycle per back edge met in a depth-first walk, each as [a, b, ..., a]. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (node: string): void => {
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (onStack.has(next)) cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };
  for (const node of graph.keys()) if (!done.has(node)) visit(node);
  return cycles;
}

describe('import cycles', () => {
  it('reads import, import type, export from and dynamic import specifiers', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      'import {',
      '  c,',
      '  type D,',
      "} from './c';",
      "export { e } from './e';",
      "export * from './f';",
      "import './g';",
      "import * as z from 'zod';",
      "const h = await import('./h');",
      "const regex = /(?:import|from)[ \\t]+x/;",
    ].join('\n');
    assert.deepEqual(relativeImports(text).sort(), ['../b', './a', './c', './e', './f', './g', './h']);
  });

  it('reports a cycle in a graph that has one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    assert.deepEqual(findCycles(graph), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', []]])), []);
  });

  it('finds no import cycle in server/src, type-only imports included', () => {
    const graph = importGraph(serverSrc);
    assert.ok([...graph.values()].some((targets) => targets.length > 0), 'the graph has no edges: the import parser is broken');
    const cycles = findCycles(graph).map((cycle) => cycle.map((f) => relative(serverSrc, f)).join(' -> '));
    assert.deepEqual(cycles, [], `import cycles in server/src:\n  ${cycles.join('\n  ')}`);
  });
});
