import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Fix as SarifFix, Location, Log, Region, ReportingDescriptor, Result, Run } from 'sarif';
import { CONFIG_ERROR, INTERNAL_ERROR, PARSE_ERROR, SKIPPED_FILE, type Finding, type Severity } from '../../core/findings';
import { SARIF_FINGERPRINT_KEY } from '../../core/fingerprint';
import { docsUrl } from '../../core/rules/docs';
import { RULES } from '../../core/rules/index';
import type { Range } from '../../core/text/lineIndex';
import type { LintReport } from '../lint';
import type { ChunkWriter } from '../output/chunkWriter';
import { lazyArray, writeJson, type LazyArray } from '../output/streamedJson';
import { toolInfo } from '../version';
import { eachFinding } from './findings';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = 'SRCROOT';

interface RuleInfo {
  id: string;
  title: string;
  description: string;
  defaultSeverity: Severity;
  helpUri?: string;
}

/** Findings the engine and the CLI make themselves; described in the log only when they occur. */
const INTERNAL_RULES: RuleInfo[] = [
  { id: PARSE_ERROR, defaultSeverity: 'error', title: 'The file could not be parsed', description: 'The file is not well-formed YAML or JSON, so no rule could check it. Fix the syntax error at the reported position.' },
  { id: INTERNAL_ERROR, defaultSeverity: 'warning', title: 'The analyzer failed on this file', description: 'A rule or a parser failed on this file; the other rules and files were still analyzed. The message carries the cause.' },
  { id: CONFIG_ERROR, defaultSeverity: 'error', title: 'The configuration file is invalid', description: 'A .backend-architect.yaml file does not match its schema (rules: id -> off, on, error, warning, information or hint; ignore: glob patterns).' },
  { id: SKIPPED_FILE, defaultSeverity: 'information', title: 'The file was not analyzed', description: 'The file is binary, not valid UTF-8, larger than the size limit or generated code, so it was skipped.' },
];

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** `missing-auth` -> `MissingAuth`: SARIF's reportingDescriptor.name is a readable identifier. */
const pascal = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

function descriptor(r: RuleInfo, tags: string[]): ReportingDescriptor {
  const d: ReportingDescriptor = {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: r.helpUri ? `${r.description}\n\nDocumentation: ${r.helpUri}` : r.description },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    properties: { tags },
  };
  if (r.helpUri) d.helpUri = r.helpUri;
  return d;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function pathToUri(path: string): string {
  return path.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

/** SARIF regions are 1-based; columns count UTF-16 code units (run.columnKind). */
export function region(r: Range): Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

const artifact = (path: string): ArtifactLocation => ({ uri: pathToUri(path), uriBaseId: SRCROOT });

function result(f: Finding, ruleIndex: number): Result {
  const res: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(f.path), region: region(f.range) } }],
  };
  if (f.fingerprint) res.partialFingerprints = { [SARIF_FINGERPRINT_KEY]: f.fingerprint };
  if (f.data) res.properties = { ...f.data };
  if (f.related?.length) {
    res.relatedLocations = f.related.map((r, i): Location => ({
      id: i + 1,
      physicalLocation: { artifactLocation: artifact(r.path), region: region(r.range) },
      message: { text: r.message },
    }));
  }
  if (f.fix?.edits.length) {
    const fix: SarifFix = {
      description: { text: f.fix.title },
      artifactChanges: [{
        artifactLocation: artifact(f.fix.path ?? f.path),
        replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
      }],
    };
    res.fixes = [fix];
  }
  return res;
}

/** A SARIF log whose results are made one at a time as they are written. */
export type StreamedLog = Omit<Log, 'runs'> & { runs: [Omit<Run, 'results'> & { results: LazyArray<Result> }] };

/** SARIF 2.1.0: one run; every registered rule in tool.driver.rules (internal ids only when they occur). */
export function sarifDocument(report: LintReport): StreamedLog {
  const { name, version, informationUri } = toolInfo();
  const infos: RuleInfo[] = RULES.map((r) => ({ ...r, helpUri: docsUrl(r.id) }));
  const tags = new Map<string, string[]>(RULES.map((r) => [r.id, ['architecture', ...r.kinds]]));
  const findings = eachFinding(report);
  const seen = new Set<string>();
  for (const f of findings) seen.add(f.ruleId);
  for (const internal of INTERNAL_RULES) if (seen.has(internal.id)) infos.push({ ...internal, helpUri: docsUrl(internal.id) });
  for (const id of seen) {
    if (!infos.some((r) => r.id === id)) infos.push({ id, title: id, description: id, defaultSeverity: 'warning' });
  }
  const index = new Map(infos.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name, version, semanticVersion: version, informationUri, rules: infos.map((r) => descriptor(r, tags.get(r.id) ?? ['internal'])) } },
      originalUriBaseIds: { [SRCROOT]: { uri: dirUri(report.cwd) } },
      columnKind: 'utf16CodeUnits',
      invocations: [{ executionSuccessful: true }],
      results: lazyArray(findings, (f) => result(f, index.get(f.ruleId)!)),
    }],
  };
}

function dirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

export function writeSarifReport(report: LintReport, out: ChunkWriter): Promise<void> {
  return writeJson(out, sarifDocument(report));
}
