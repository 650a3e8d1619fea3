// `backend-architect ci-summary`: the Markdown summary, outputs and annotations from a saved lint --format json report.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MAX_GRAPH_CHARS } from '../../server/src/cli/formatters/markdownSummary';
import { FIXTURES, runCli, tempWorkspace } from './helpers';

const at = { start: { line: 2, character: 0 }, end: { line: 2, character: 4 }, startLine: 3, startColumn: 1, endLine: 3, endColumn: 5 };
const finding = (ruleId: string, severity: string, extra: object = {}) => ({ ruleId, severity, message: `${ruleId}: a, b`, range: at, related: [], fix: null, ...extra });

function savedReport(findings: object[], summary: object = {}) {
  return JSON.stringify({ version: 1, tool: { name: 'backend-architect', version: '0' }, files: [{ path: 'a b/ü.yaml', findings }], summary: { files: 4, ...summary } });
}

describe('ci-summary', () => {
  const ws = tempWorkspace({});
  after(ws.cleanup);
  const write = (name: string, text: string) => (writeFileSync(join(ws.dir, name), text), name);

  it('prints the summary to stdout without GITHUB_STEP_SUMMARY, with findings by rule, most first', () => {
    const report = write('r1.json', savedReport([finding('x|y', 'hint'), finding('b-rule', 'error'), finding('b-rule', 'warning')]));
    const r = runCli(['ci-summary', '--from', report], ws.dir, { GITHUB_STEP_SUMMARY: '', GITHUB_OUTPUT: '' });
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| ['));
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^\| \[b-rule\]\(\S+\) \| 2 \| 1 \| 1 \| 0 \|$/);
    assert.match(rows[1], /^\| \[x\\\|y\]\(\S+\) \| 1 \| 0 \| 0 \| 1 \|$/, 'a pipe in a rule id cannot break the table');
    assert.match(r.stdout, /\*\*3 findings\*\* \(1 error, 1 warning, 1 info\) in 4 files checked\./);
    assert.doesNotMatch(r.stdout, /mermaid|baseline/);
  });

  it('appends to the summary and outputs files, and prints annotations when asked', () => {
    const report = write('r2.json', savedReport([finding('r', 'error')]));
    write('summary.md', 'before\n');
    const r = runCli(['ci-summary', '--from', report, '--summary', 'summary.md', '--outputs', 'out.txt', '--annotations'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '::error file=a b/ü.yaml,line=3,endLine=3,col=1,endColumn=5,title=r::r: a, b\n');
    assert.match(readFileSync(join(ws.dir, 'summary.md'), 'utf8'), /^before\n## Backend Architect\n/);
    assert.equal(readFileSync(join(ws.dir, 'out.txt'), 'utf8'), 'findings=1\nerrors=1\nwarnings=0\n');
  });

  it('counts new findings against the baseline from each finding\'s baselineState, or from a baseline count', () => {
    const states = write('r3.json', savedReport([finding('r', 'warning', { baselineState: 'new' }), finding('r', 'warning', { baselineState: 'unchanged' }), finding('r', 'warning', { baselineState: 'unchanged' })]));
    assert.match(runCli(['ci-summary', '--from', states], ws.dir, { GITHUB_STEP_SUMMARY: '' }).stdout, /New since the baseline: \*\*1\*\*; already in the baseline: 2\./);
    const count = write('r4.json', savedReport([finding('r', 'warning')], { baseline: 7 }));
    assert.match(runCli(['ci-summary', '--from', count], ws.dir, { GITHUB_STEP_SUMMARY: '' }).stdout, /New since the baseline: \*\*1\*\*; already in the baseline: 7\./);
  });

  it('shows the map as a mermaid block, and names a map too large for a job summary instead', () => {
    const report = write('r5.json', savedReport([]));
    const graph = runCli(['graph'], join(FIXTURES, 'findings')).stdout;
    write('g.mmd', graph);
    const r = runCli(['ci-summary', '--from', report, '--graph', 'g.mmd'], ws.dir, { GITHUB_STEP_SUMMARY: '' });
    assert.ok(r.stdout.includes(`### Architecture map\n\n\`\`\`mermaid\n${graph}\`\`\`\n`), r.stdout);
    assert.match(r.stdout, /No findings in 4 files checked\./);
    write('big.mmd', `flowchart LR\n${'  a --> b\n'.repeat(MAX_GRAPH_CHARS / 10)}`);
    assert.match(runCli(['ci-summary', '--from', report, '--graph', 'big.mmd'], ws.dir, { GITHUB_STEP_SUMMARY: '' }).stdout, /The map is too large for the job summary/);
  });

  it('refuses what is not a lint --format json report (exit 2)', () => {
    const sarif = write('r.sarif', JSON.stringify({ version: '2.1.0', runs: [] }));
    const r = runCli(['ci-summary', '--from', sarif], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not a report of `lint --format json`/);
    assert.equal(runCli(['ci-summary'], ws.dir).code, 2);
  });
});
