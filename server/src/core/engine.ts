import type { Tree } from 'web-tree-sitter';
import { CODE_LANGUAGES, type CodeLanguage } from './documents/classify';
import { parseJson } from './documents/json';
import type { SourceFile } from './documents/source';
import { conflictMarkers } from './documents/conflictMarkers';
import { insideStringLiteral } from './code/stringLiterals';
import { isReadable, type DataDocument, type DataNode } from './documents/tree';
import { grammarOf, parseCode } from './documents/treeSitter';
import { parseYaml, parseYamlStream } from './documents/yaml';
import { patchYaml, type EditableYaml } from './documents/yamlEdit';
import type { EffectiveConfig } from './config/effective';
import { CONFIG_ERROR, INTERNAL_ERROR, PARSE_ERROR, type Finding, type Fix, type Severity } from './findings';
import { RULES, RULE_IDS } from './rules/index';
import type { OffsetFix, Report, Rule, RuleContext } from './rules/types';
import { diskLoader } from './openapi/loader';
import type { DocumentLoader } from './openapi/refs';
import { isSuppressed } from './suppress';
import { isLessonPath, isTestComposeContent, isTestComposePath } from './compose/testSetup';
import { isSampleProgramDeployment } from './compose/samplePrograms';
import { isOlderRelease } from './compose/releaseSnapshots';
import { inUnusedFolder } from './unusedFolders';
import { isTestSpecPath } from './openapi/testFixture';
import { isTestPath } from './code/testFiles';
import { CONSISTENCY_RULE_IDS, consistencyOf, prepareConsistency } from './workspace/specs/attach';
import type { WorkspaceIndex } from './workspace/index';

export interface AnalysisInput {
  source: SourceFile;
  config: EffectiveConfig;
  workspace: WorkspaceIndex;
  /** The previous syntax tree of this file, already edited, for an incremental re-parse. */
  previousTree?: Tree;
  /** The previous YAML tree of this file (AnalysisResult.editable): patched instead of re-parsed when it can be. */
  previousYaml?: EditableYaml;
  rules?: readonly Rule[];
  /** Reads other files for cross-file `$ref`s; defaults to reading from disk with a per-analysis cache. */
  loadDocument?: DocumentLoader;
  /** Leave the costly fixes (rules that give a function) as `fixLater`, for an editor that asks for few of them. */
  lazyFixes?: boolean;
  /** A time (Date.now()) after which no further rule starts; the rules left out are listed in `notRun`. */
  deadline?: number;
}

export interface AnalysisResult {
  findings: Finding[];
  data?: DataNode;
  tree?: Tree;
  /** This YAML file's tree, for `previousYaml` of its next analysis; only for a tree without problems or shared nodes. */
  editable?: EditableYaml;
  /** Rules that would have run but did not, because the deadline had passed. */
  notRun?: string[];
}

const isJsonPath = (path: string) => path.toLowerCase().endsWith('.json');
const isTemplate = (source: SourceFile) => !/(^|[\\/])(Chart|values[\w.-]*)\.ya?ml$/.test(source.path);

export function parseData(source: SourceFile): DataDocument {
  if (isJsonPath(source.path)) return parseJson(source.text);
  return source.kind === 'kubernetes' ? parseYamlStream(source.text) : parseYaml(source.text);
}

/** Parses one file, runs every enabled rule for its kind, isolates rules that throw, applies suppressions. */
export async function analyzeSource(input: AnalysisInput): Promise<AnalysisResult> {
  const { source } = input;
  const findings: Finding[] = [];
  const add = (ruleId: string, severity: Severity, r: Report) => findings.push(toFinding(source, ruleId, severity, r));
  let data: DataNode | undefined;
  let tree: Tree | undefined;
  let editable: EditableYaml | undefined;

  if (source.kind === 'config') {
    const { parseConfigFile } = await import('./config/configFile'); // zod, needed only here
    for (const p of parseConfigFile(source.text, RULE_IDS).problems) add(CONFIG_ERROR, 'error', { message: p.message, at: p });
    return { findings };
  }
  if (CODE_LANGUAGES.includes(source.kind as CodeLanguage)) {
    try {
      // A tree the consistency index parsed for this text ahead of the engine (CLI runs) makes the parse a reuse.
      const ahead = input.previousTree ? undefined : consistencyOf(input.workspace).takeTree(source.path, source.text);
      tree = await parseCode(grammarOf(source.kind as CodeLanguage, source.path), source.text, input.previousTree ?? ahead).finally(() => ahead?.delete());
    } catch (e) {
      add(INTERNAL_ERROR, 'warning', { message: `Could not parse this file: ${(e as Error).message}`, at: { start: 0, end: 0 } });
      return { findings };
    }
    // The parser recovers and the rules still run; markers inside a string literal are text (an editing prompt's example).
    for (const p of conflictMarkers(source.text)) if (!insideStringLiteral(tree, p.start)) add(PARSE_ERROR, 'error', { message: p.message, at: p });
  } else if (source.kind === 'helm' && isTemplate(source)) {
    // A Helm template is Go template text, not YAML yet: its rules read the text (and the chart), nothing is parsed.
  } else {
    const patched = input.previousYaml && !isJsonPath(source.path) ? patchYaml(input.previousYaml, source.text) : undefined;
    const ahead = !patched && source.kind === 'openapi' ? consistencyOf(input.workspace).takeDocument(source.path, source.text) : undefined;
    // A manifest or compose file the model already parsed from this text (CLI runs): reused, not kept for patching.
    const reused = !patched && !ahead && (source.kind === 'kubernetes' || source.kind === 'compose') ? input.workspace.model.parsedTree(source.kind, source.path, source.text) : undefined;
    const doc = patched ? { root: patched, problems: [], format: 'yaml' as const } : reused ? { root: reused, problems: [], format: 'yaml' as const } : (ahead ?? parseData(source));
    for (const p of doc.problems) add(PARSE_ERROR, p.warning ? 'warning' : 'error', { message: p.message, at: p });
    if (!isReadable(doc)) return { findings };
    const root = (data = doc.root);
    const patchable = !reused && doc.format === 'yaml' && !doc.shared && !doc.problems.length;
    if (patchable && root.kind !== 'scalar') editable = { text: source.text, root };
  }

  // Cross-file rules read the workspace model; the engine feeds it this file's text first (see WorkspaceIndex.prepare).
  input.workspace.useConfig(input.config);
  // A compose file that runs tests is no deployment, and a spec kept as a test fixture is no contract: only the rules
  // for any file judge them, and the model leaves them out. A deployment file of a release that a newer release
  // beside it replaced is a frozen copy: no rule judges it (its newest copy carries the findings).
  const deployment = source.kind === 'compose' || source.kind === 'kubernetes' || source.kind === 'helm';
  const frozen = deployment && (isOlderRelease(source.path, input.workspace.model.top) || inUnusedFolder(source.path, input.workspace.model.top)) && !input.workspace.isForcedBackend(source.path);
  const testSetup = frozen ||
    ((source.kind === 'compose' && (isTestComposePath(source.path, input.workspace.model.top) || isTestComposeContent(data))) ||
      ((source.kind === 'kubernetes' || source.kind === 'helm') && (isLessonPath(source.path, input.workspace.model.top) || isTestPath(source.path, input.workspace.model.top))) ||
      (deployment && isSampleProgramDeployment(source.path, input.workspace.model.top)) ||
      (source.kind === 'openapi' && isTestSpecPath(source.path, input.workspace.model.top))) &&
    !input.workspace.isForcedBackend(source.path);
  const model = testSetup ? undefined : await input.workspace.prepare(source, data);
  const consistency = CONSISTENCY_RULE_IDS.some((id) => input.config.severityOf(id, 'warning'));
  if (consistency) await prepareConsistency(input.workspace, source, data, tree);
  const ctx: RuleContext = { source, data, tree, options: { defaultTimeoutMs: input.config.settings.defaultTimeoutMs, thresholds: input.config.file.thresholds }, workspace: input.workspace, model, loadDocument: input.loadDocument ?? diskLoader() };
  // The spec of an API the workspace calls (a vendor's, loaded by an integration) is no design of the workspace's.
  const calledApi = consistency && source.kind === 'openapi' && !!consistencyOf(input.workspace).of(source.path)?.calledApis.some((s) => s.spec.source.path === source.path);
  const notRun: string[] = [];
  // A compose file that docker compose cannot load runs nothing: its one finding is why (render-error); a secret
  // written in it is still in the repository.
  const unloadable = source.kind === 'compose' && !!model?.problems?.some((p) => p.location.path === source.path);
  for (const rule of input.rules ?? RULES) {
    if (!rule.kinds.includes(source.kind) || (testSetup && !rule.judgesTestSetups) || frozen) continue;
    if (calledApi && !rule.judgesTestSetups && !rule.judgesCalledApis) continue;
    if (unloadable && rule.id !== 'render-error' && rule.id !== 'hardcoded-secret') continue;
    const severity = input.config.severityOf(rule.id, rule.defaultSeverity);
    if (!severity) continue;
    if (input.deadline !== undefined && Date.now() > input.deadline) {
      notRun.push(rule.id);
      continue;
    }
    let found: Finding[];
    try {
      // Fixes built here (unless lazy) fail like the rule itself.
      found = rule.check(ctx).map((r) => toFinding(source, rule.id, r.severity && severity === rule.defaultSeverity ? r.severity : severity, r, input.lazyFixes));
    } catch (e) {
      const cause = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      add(INTERNAL_ERROR, 'warning', { message: `Rule ${rule.id} failed on this file (${cause}); other rules still ran`, at: { start: 0, end: 0 } });
      continue;
    }
    for (const f of found) if (!isSuppressed(source.lines, f.range.start.line, rule.id)) findings.push(f);
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { findings, data, tree, editable, ...(notRun.length ? { notRun } : {}) };
}

function toFinding(source: SourceFile, ruleId: string, severity: Severity, r: Report, lazyFixes = false): Finding {
  const f: Finding = { ruleId, severity, message: r.message, path: source.path, range: source.lines.rangeOf(r.at.start, r.at.end) };
  if (r.data) f.data = r.data;
  if (r.related?.length) {
    f.related = r.related.map((x) => ({
      path: x.path ?? source.path,
      range: x.range ?? (x.at ? source.lines.rangeOf(x.at.start, x.at.end) : f.range),
      message: x.message,
    }));
  }
  const fix = r.fix;
  const located = (x: OffsetFix | undefined): Fix | undefined => {
    if (!x) return undefined;
    const lines = (x.file ?? source).lines;
    const fix: Fix = { title: x.title, edits: x.edits.map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText })) };
    if (x.file && x.file.path !== source.path) Object.assign(fix, { path: x.file.path, version: x.file.version ?? null });
    return fix;
  };
  // Set only when there is one: a deleted property would leave the finding a slow dictionary-mode object.
  if (typeof fix === 'function' && lazyFixes) f.fixLater = () => located(fix());
  else {
    const given = located(typeof fix === 'function' ? fix() : fix);
    if (given) f.fix = given;
  }
  return f;
}
