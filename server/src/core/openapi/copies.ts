import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { entries, get, str, toPlain, type DataNode } from '../documents/tree';
import type { Finding } from '../findings';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * What makes two spec files the same API contract: the title, the version and every operation (method and path).
 * A generator's output written twice (JSON and YAML, or into two folders) has one key; undefined for a spec
 * without operations, which has little to report.
 */
export function contractKey(root: DataNode | undefined): string | undefined {
  const info = get(root, 'info');
  const ops = entries(get(root, 'paths')).flatMap((p) => entries(p.value).filter((m) => METHODS.has(m.key.text.toLowerCase())).map((m) => `${m.key.text.toLowerCase()} ${p.key.text}`));
  if (!ops.length) return undefined;
  // The whole document but its version string: a copy kept under another version (`v1-openapi.json` beside
  // `openapi.json`, the same but for `info.version`) is the same contract.
  const plain = toPlain(root) as { info?: Record<string, unknown> };
  const body = JSON.stringify({ ...plain, info: { ...plain.info, version: undefined } });
  return JSON.stringify([str(get(info, 'title')) ?? '', str(get(info, 'version')) ?? '', ops.sort(), createHash('sha1').update(body).digest('hex')]);
}

/**
 * Files grouped as one contract: the same title, version and operations, or the same document but for its version
 * string (the fourth part of the key).
 */
function contractGroups(keys: Map<string, string>): string[][] {
  const parent = new Map<string, string>();
  const find = (p: string): string => {
    const up = parent.get(p) ?? p;
    return up === p ? p : find(up);
  };
  const join = (a: string, b: string) => parent.set(find(b), find(a));
  const firstBy = new Map<string, string>();
  for (const [path, key] of keys) {
    const parts = key.startsWith(COMPOSE_COPY) ? [key] : (() => {
      const [title, version, ops, body] = JSON.parse(key) as [string, string, string[], string?];
      return [JSON.stringify([title, version, ops]), ...(body ? [`body\0${body}`] : [])];
    })();
    for (const part of parts) {
      const first = firstBy.get(part);
      if (first) join(first, path);
      else firstBy.set(part, path);
    }
  }
  const groups = new Map<string, string[]>();
  for (const path of keys.keys()) (groups.get(find(path)) ?? groups.set(find(path), []).get(find(path))!).push(path);
  return [...groups.values()];
}

/**
 * Copies of one contract (or of one compose file: composeCopyKey) report its problems once: the first copy in path
 * order keeps its findings, each naming the copies as related locations, and the other copies keep only findings
 * about the file itself (parse errors, a file not read). `findings` is changed in place; `keys` holds each file's key.
 */
export function reportCopiesOnce(findings: Map<string, Finding[]>, keys: Map<string, string>, aboutTheFile: (ruleId: string) => boolean): void {
  for (const paths of contractGroups(keys)) {
    if (paths.length < 2) continue;
    const [first, ...copies] = paths.sort();
    const key = keys.get(first)!;
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const what = key.startsWith(COMPOSE_COPY) ? 'a copy of this compose file (the same text, a template copied into each folder)' : 'a copy of this API contract (the same title, version and operations, or the same document under another version)';
    const related = copies.map((path) => ({ path, range: zero, message: `${what}: its findings are these` }));
    findings.set(first, (findings.get(first) ?? []).map((f) => (aboutTheFile(f.ruleId) ? f : { ...f, related: [...(f.related ?? []), ...related] })));
    for (const copy of copies) findings.set(copy, (findings.get(copy) ?? []).filter((f) => aboutTheFile(f.ruleId)));
  }
  const contracts = new Map([...keys].filter(([, key]) => !key.startsWith(COMPOSE_COPY)));
  reportPartsOnce(findings, contracts, aboutTheFile);
  reportBundlesOnce(findings, contracts, aboutTheFile);
  reportStaleExportsOnce(findings, contracts, aboutTheFile);
}

/** The prefix of a compose file's copy key (composeCopyKey): its text, not an API contract. */
const COMPOSE_COPY = 'compose\0';

/**
 * What makes two compose files copies of one template: the same text once comments, blank lines and trailing
 * spaces are left out (a generator's `docker-compose.yaml` written into each service's folder). Short files (a
 * one-service stub) are not keyed: two alike by chance are not one cause.
 */
export function composeCopyKey(text: string): string | undefined {
  const body = text.split(/\r?\n/).map((l) => l.replace(/\s+#.*$|^\s*#.*$/, '').trimEnd()).filter((l) => l).join('\n');
  if (body.split('\n').length < 8) return undefined;
  return COMPOSE_COPY + createHash('sha1').update(body).digest('hex');
}

/**
 * A spec whose operations are exactly those of two or more specs in other folders (a script that bundles the
 * services' own specs into one document) repeats their contracts: the services' specs keep the findings, each naming
 * the bundle, and the bundle keeps those about the file.
 */
function reportBundlesOnce(findings: Map<string, Finding[]>, keys: Map<string, string>, aboutTheFile: (ruleId: string) => boolean): void {
  const ops = new Map([...keys].map(([path, key]) => [path, new Set((JSON.parse(key) as [string, string, string[]])[2])]));
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const [bundle, all] of ops) {
    const sources = [...ops].filter(([path, own]) => path !== bundle && dirname(path) !== dirname(bundle) && own.size < all.size && [...own].every((o) => all.has(o))).map(([path]) => path);
    if (sources.length < 2) continue;
    const covered = new Set(sources.flatMap((p) => [...ops.get(p)!]));
    if (covered.size !== all.size) continue;
    findings.set(bundle, (findings.get(bundle) ?? []).filter((f) => aboutTheFile(f.ruleId)));
    const note = { path: bundle, range: zero, message: 'a bundle of this and other API contracts (its operations are theirs): its findings are these' };
    for (const source of sources) findings.set(source, (findings.get(source) ?? []).map((f) => (aboutTheFile(f.ruleId) ? f : { ...f, related: [...(f.related ?? []), note] })));
  }
}

/**
 * Two specs with the same title and version, one in the other's folder or below it, that share at least half the
 * operations of the smaller: one contract exported twice at different times (an old `openapi.yaml` beside the
 * generated `openapi.json`). The one with more operations keeps the findings; the other keeps those about the file.
 */
function reportStaleExportsOnce(findings: Map<string, Finding[]>, keys: Map<string, string>, aboutTheFile: (ruleId: string) => boolean): void {
  const specs = [...keys].map(([path, key]) => {
    const [title, version, ops] = JSON.parse(key) as [string, string, string[]];
    return { path, title, version, ops: new Set(ops) };
  });
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  // More operations win; then the shallower file (the export at the API folder's top); then path order.
  const depth = (p: string) => p.split('/').length;
  const preferred = (a: { path: string; ops: Set<string> }, b: { path: string; ops: Set<string> }) => a.ops.size !== b.ops.size ? a.ops.size > b.ops.size : depth(a.path) !== depth(b.path) ? depth(a.path) < depth(b.path) : a.path < b.path;
  const nested = (a: string, b: string) => dirname(a) === dirname(b) || dirname(a).startsWith(`${dirname(b)}/`) || dirname(b).startsWith(`${dirname(a)}/`);
  for (const stale of specs) {
    if (!stale.title || !stale.version) continue;
    const current = specs.filter((o) => o.path !== stale.path && o.title === stale.title && o.version === stale.version && nested(o.path, stale.path) && preferred(o, stale) && [...stale.ops].filter((op) => o.ops.has(op)).length * 2 >= stale.ops.size)[0];
    if (!current || [...stale.ops].every((op) => current.ops.has(op))) continue; // the same or a part: handled above
    findings.set(stale.path, (findings.get(stale.path) ?? []).filter((f) => aboutTheFile(f.ruleId)));
    const note = { path: stale.path, range: zero, message: 'another export of this API contract (the same title and version): its findings are these' };
    findings.set(current.path, (findings.get(current.path) ?? []).map((f) => (aboutTheFile(f.ruleId) ? f : { ...f, related: [...(f.related ?? []), note] })));
  }
}

/**
 * A spec whose operations are all in another spec of the same folder (a generator's per-module output beside the
 * whole API, as TypeSpec writes them), or of the same title anywhere (an older snapshot of the generated spec copied
 * into a documentation site), is a part of that contract: its problems are the whole's, reported there.
 */
function reportPartsOnce(findings: Map<string, Finding[]>, keys: Map<string, string>, aboutTheFile: (ruleId: string) => boolean): void {
  const specs = new Map([...keys].map(([path, key]) => {
    const [title, , ops] = JSON.parse(key) as [string, string, string[]];
    return [path, { title, ops: new Set(ops) }];
  }));
  const ops = new Map([...specs].map(([path, s]) => [path, s.ops]));
  const related = (a: string, b: string) => dirname(a) === dirname(b) || (!!specs.get(a)!.title && specs.get(a)!.title === specs.get(b)!.title);
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const [part, own] of ops) {
    const whole = [...ops].filter(([path, all]) => path !== part && related(path, part) && all.size > own.size && [...own].every((o) => all.has(o))).sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    if (!whole) continue;
    findings.set(part, (findings.get(part) ?? []).filter((f) => aboutTheFile(f.ruleId)));
    const note = { path: part, range: zero, message: 'a part of this API contract (all its operations are here): its findings are these' };
    findings.set(whole, (findings.get(whole) ?? []).map((f) => (aboutTheFile(f.ruleId) || f.related?.some((r) => r.path === part) ? f : { ...f, related: [...(f.related ?? []), note] })));
  }
}
