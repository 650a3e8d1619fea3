/** Reads one workspace folder for the review: every file's findings, the workspace model, spec summaries, design documents. */
import { readdir } from '../fsAsync';
import { join } from 'node:path';
import type { EffectiveConfig } from '../config/effective';
import type { FileKind } from '../documents/classify';
import { ANALYSIS_RULES, INTERNAL_ERROR, type Finding } from '../findings';
import { reportCopiesOnce } from '../openapi/copies';
import { analyzeFile } from '../project';
import { findCodeServices, findDeployFiles } from '../workspace/api';
import { readFile } from '../fsAsync';
import { WorkspaceIndex } from '../workspace/index';
import { listWorkspaceFiles } from '../workspace/scan';
import { summarizeSpec } from './specs';
import type { ReviewInput, SpecSummary } from './types';

export interface CollectOptions {
  signal?: AbortSignal;
}

/** Analyzes the folder as `lint` does (config ignores, .gitignore) and builds its model once. */
export async function collectReview(root: string, config: EffectiveConfig, opts: CollectOptions = {}): Promise<ReviewInput> {
  const isExcluded = (rel: string) => config.isIgnored(rel);
  const all = await listWorkspaceFiles(root, { isExcluded, signal: opts.signal, alsoList: CONTRACT_FILE });
  const contracts = all.filter((f) => CONTRACT_FILE.test(f));
  const listed = contracts.length ? all.filter((f) => !CONTRACT_FILE.test(f)) : all;
  const index = new WorkspaceIndex({ keepData: false, boundary: root });
  // The model's sources first, so that each file is analyzed against the whole system.
  for (const f of await findDeployFiles(listed)) {
    const text = await readFile(f.path, 'utf8').catch(() => undefined);
    if (text !== undefined) index.model.setSource(f.kind, f.path, text);
  }
  const byFile = new Map<string, Finding[]>();
  const contractKeys = new Map<string, string>();
  const specs: SpecSummary[] = [];
  const files: Partial<Record<FileKind, string[]>> = {};
  for (const path of listed) {
    if (opts.signal?.aborted) break;
    try {
      const result = await analyzeFile(path, config, index);
      byFile.set(path, result.findings);
      if (result.contractKey) contractKeys.set(path, result.contractKey);
      const kind = index.get(path)?.kind;
      if (kind) (files[kind] ??= []).push(path);
      if (kind === 'openapi' && result.data) specs.push(summarizeSpec(path, result.data));
    } catch (e) {
      const zero = { line: 0, character: 0 };
      byFile.set(path, [{ ruleId: INTERNAL_ERROR, severity: 'warning', message: `Could not analyze this file: ${e instanceof Error ? e.message : String(e)}`, path, range: { start: zero, end: zero } }]);
    }
  }
  // Copies of one API contract report its problems once (openapi/copies.ts).
  reportCopiesOnce(byFile, contractKeys, (ruleId) => ANALYSIS_RULES.has(ruleId));
  const findings = [...byFile.values()].flat();
  // The model the files were analyzed against (what buildWorkspaceModel would build), with the code no deployment runs.
  const model = await index.model.model();
  model.codeServices = await findCodeServices(model, listed, (f) => readFile(f, 'utf8').catch(() => undefined));
  const filesChecked = Object.values(files).reduce((n, l) => n + l.length, 0);
  return { root, model, findings, specs, contracts, files, filesChecked, documents: await designDocuments(root, isExcluded) };
}

/** API contracts the analyzer does not read but the review counts: GraphQL schemas and protobuf services. */
const CONTRACT_FILE = /\.(graphqls?|gql|proto)$/i;
const README = /^readme([-_.][^/\\]*)?\.(md|markdown|adoc|rst|txt)$/i;
/** A document about the design: named so (architecture, requirements, decisions...) or inside an adr/decisions folder. */
const DESIGN_NAME = /(^|[^a-z])(architecture|design|requirements?|constraints?|adrs?|decisions?|rfcs?|purpose|overview)([^a-z]|$)/i;
const RECORDS_DIR = /^(adrs?|decisions?|rfcs?)$/i;
const DESIGN_DIR = /^(docs?|documentation|adrs?|decisions?|architecture|design|rfcs?)$/i;

/** The README and design documents at the top of the folder and in its docs, adr or decisions folders (two levels). */
async function designDocuments(root: string, isExcluded: (rel: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string, rel: string, depth: number, records: boolean) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (isExcluded(childRel)) continue;
      const text = /\.(md|markdown|adoc|rst|txt)$/i.test(e.name);
      if (e.isFile() && text && ((depth === 0 && README.test(e.name)) || DESIGN_NAME.test(e.name) || records)) out.push(join(dir, e.name));
      else if (e.isDirectory() && depth < 2 && (DESIGN_DIR.test(e.name) || depth > 0)) await visit(join(dir, e.name), childRel, depth + 1, records || RECORDS_DIR.test(e.name));
    }
  };
  await visit(root, '', 0, false);
  return out.sort();
}
