import type { Finding, RelatedLocation, TextEdit } from '../../core/findings';
import type { Range } from '../../core/text/lineIndex';
import type { LintReport } from '../lint';
import type { ChunkWriter } from '../output/chunkWriter';
import { lazyArray, writeJson } from '../output/streamedJson';
import { toolInfo } from '../version';
import { summarize } from './summary';

/**
 * `--format json`: one JSON document on stdout, written as it is made (see writeJson). The shape is stable; fields are only ever added.
 *
 * {
 *   "version": 1,                                   // version of this output format
 *   "tool": { "name": "backend-architect", "version": "0.3.0" },
 *   "files": [                                      // files with at least one finding, sorted by path
 *     {
 *       "path": "services/api/openapi.yaml",        // relative to the current directory, forward slashes
 *       "findings": [
 *         {
 *           "ruleId": "missing-auth",               // a rule id, or parse-error / internal-error / invalid-config / skipped-file
 *           "severity": "warning",                  // error | warning | information | hint
 *           "message": "GET /orders has no security requirement ...",
 *           "range": {
 *             "start": { "line": 11, "character": 4 },   // 0-based, UTF-16 code units (as LSP)
 *             "end": { "line": 11, "character": 7 },
 *             "startLine": 12, "startColumn": 5,         // the same, 1-based (as editors show)
 *             "endLine": 12, "endColumn": 8
 *           },
 *           "related": [ { "path": "...", "range": { ... }, "message": "..." } ],   // [] when none
 *           "fix": { "title": "...", "edits": [ { "range": { ... }, "newText": "..." } ] },  // null when none; edits apply to this file, or to "path" when given
 *           "data": { "via": "helm" },              // only when set: a Helm finding's path, static or helm (docs/helm.md)
 *           "fingerprint": "3f2a..."                // identity across runs and unrelated edits (docs/ci.md), as in baselines
 *         }
 *       ]
 *     }
 *   ],
 *   "summary": { "files": 12, "problems": 3, "errors": 0, "warnings": 3, "infos": 0, "hints": 0 }   // files = files checked;
 *                                                                // with --baseline also "baseline": findings it held back
 * }
 */
export const JSON_FORMAT_VERSION = 1;

export interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function jsonRange(r: Range): JsonRange {
  return {
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

const related = (r: RelatedLocation) => ({ path: r.path, range: jsonRange(r.range), message: r.message });
const edit = (e: TextEdit) => ({ range: jsonRange(e.range), newText: e.newText });

function finding(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    range: jsonRange(f.range),
    related: (f.related ?? []).map(related),
    fix: f.fix ? { title: f.fix.title, ...(f.fix.path ? { path: f.fix.path } : {}), edits: f.fix.edits.map(edit) } : null,
    ...(f.data ? { data: f.data } : {}),
    ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}),
  };
}

/** The document of `--format json`; its file entries and findings are made one at a time as they are written. */
export function jsonDocument(report: LintReport) {
  const { name, version } = toolInfo();
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name, version },
    files: lazyArray(report.files, (file) => ({ path: file.path, findings: lazyArray(file.findings, finding) })),
    summary: summarize(report),
  };
}

export function writeJsonReport(report: LintReport, out: ChunkWriter): Promise<void> {
  return writeJson(out, jsonDocument(report));
}
