import type { Finding } from '../../core/findings';
import type { FileReport, LintReport } from '../lint';
import type { ChunkWriter } from '../output/chunkWriter';
import { TOOL_NAME } from '../version';
import { jsonRange } from './json';
import { summarize } from './summary';

/** Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF): removed. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Element text: markup characters escaped, forbidden characters removed; line breaks kept. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>]/g, (c) => ENTITY[c]).replace(/\r/g, '&#13;');
}

/** An attribute value: as text, and quotes and whitespace escaped so that a parser reads them back unchanged. */
export function xmlAttribute(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>"\t\n\r]/g, (c) => ENTITY[c]);
}

const attrs = (values: Record<string, string | number>) => Object.entries(values).map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`).join('');

/** The file's findings grouped by rule, rules in order of first finding. */
function byRule(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.ruleId);
    if (group) group.push(f);
    else groups.set(f.ruleId, [f]);
  }
  return groups;
}

function failure(f: Finding): string {
  const r = jsonRange(f.range);
  const where = `${f.path}:${r.startLine}:${r.startColumn}`;
  return `      <failure${attrs({ message: f.message, type: f.severity })}>${xmlText(`${where} ${f.severity} ${f.message} (${f.ruleId})`)}</failure>\n`;
}

async function writeSuite(file: FileReport, out: ChunkWriter): Promise<void> {
  const groups = byRule(file.findings);
  await out.write(`  <testsuite${attrs({ name: file.path, tests: groups.size, failures: file.findings.length, errors: 0, skipped: 0 })}>\n`);
  for (const [ruleId, findings] of groups) {
    await out.write(`    <testcase${attrs({ classname: file.path, name: ruleId, file: file.path })}>\n`);
    for (const f of findings) await out.write(failure(f));
    await out.write('    </testcase>\n');
  }
  await out.write('  </testsuite>\n');
}

/**
 * `--format junit`: JUnit XML for CI test reports. One testsuite per file with findings (named by its path), one
 * testcase per rule that found something in it (classname the path, name the rule id), one failure per finding.
 * A run without findings is one passing testcase, so that the report is never empty.
 */
export async function writeJunitReport(report: LintReport, out: ChunkWriter): Promise<void> {
  const s = summarize(report);
  const cases = report.files.reduce((n, file) => n + byRule(file.findings).size, 0);
  await out.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  await out.write(`<testsuites${attrs({ name: TOOL_NAME, tests: cases || 1, failures: s.problems, errors: 0 })}>\n`);
  if (!report.files.length) {
    await out.write(`  <testsuite${attrs({ name: TOOL_NAME, tests: 1, failures: 0, errors: 0, skipped: 0 })}>\n`);
    await out.write(`    <testcase${attrs({ classname: TOOL_NAME, name: `lint (${s.files} files checked)` })}/>\n  </testsuite>\n`);
  }
  for (const file of report.files) await writeSuite(file, out);
  await out.write('</testsuites>\n');
}
