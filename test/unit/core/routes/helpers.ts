// Builds trees for route-extraction tests and prints routes compactly: "GET /users/{} [requireAuth]".
import assert from "node:assert/strict";
import { it } from "node:test";
import { classify, type CodeLanguage } from '../../../../server/src/core/documents/classify';
import { makeSource } from '../../../../server/src/core/documents/source';
import { grammarOf, parseCode } from '../../../../server/src/core/documents/treeSitter';
import { extractRoutes } from '../../../../server/src/core/code/routes/index';
import { resolveServiceRoutes } from '../../../../server/src/core/code/routes/service';
import { normalizeTemplate } from '../../../../server/src/core/code/routes/template';
import type { CodeRoute, FileRoutes } from '../../../../server/src/core/code/routes/types';

export async function routesOf(path: string, text: string): Promise<FileRoutes> {
  const kind = classify(path, text) as CodeLanguage;
  return extractRoutes(makeSource(path, text, kind), await parseCode(grammarOf(kind, path), text));
}

/** "METHOD /normalized/{} [auth names]" per route, in declaration order. */
export function show(routes: CodeRoute[]): string[] {
  return routes.map((r) => `${r.method} ${normalizeTemplate(r.path)}${r.auth.length ? ` [${r.auth.map((a) => a.name).join(', ')}]` : ''}`);
}

/** The service's resolved routes, sorted, as `show` prints them; and the reasons of what was skipped. */
export async function service(files: Record<string, string>): Promise<{ routes: string[]; skipped: string[] }> {
  const all = await Promise.all(Object.entries(files).map(([p, t]) => routesOf(p, t)));
  const r = resolveServiceRoutes(all);
  return { routes: show(r.routes).sort(), skipped: r.skipped.map((s) => s.reason) };
}

export const lines = (...ls: string[]) => ls.join('\n') + '\n';

export interface ServiceCase {
  name: string;
  files: Record<string, string>;
  /** Resolved routes as `show` prints them (sorted). */
  routes: string[];
  /** Fragments of the reasons of skipped routes, in order. */
  skipped?: string[];
}

export function runServiceCases(cases: ServiceCase[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      const got = await service(c.files);
      assert.deepEqual(got.routes, [...c.routes].sort());
      assert.equal(got.skipped.length, (c.skipped ?? []).length, `skipped: ${JSON.stringify(got.skipped)}`);
      (c.skipped ?? []).forEach((s, i) => assert.ok(got.skipped[i].includes(s), `"${got.skipped[i]}" should include "${s}"`));
    });
  }
}
