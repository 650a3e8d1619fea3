// `--format github`: GitHub workflow commands, parsed back and unescaped to the original paths and messages.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { writeGithubReport } from '../../server/src/cli/formatters/github';
import { AWKWARD_FILES, AWKWARD_MESSAGES, awkwardReport, render } from './ciReports';
import { runCli, tempWorkspace } from './helpers';

interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

/** One line as the runner reads it: `::command k=v,k=v::message`, with no raw `,` or `:` left in a value. */
function parseCommand(line: string): Command {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  assert.doesNotMatch(line, /[\r\n]/);
  const properties: Record<string, string> = {};
  for (const pair of m[2].split(',')) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { command: m[1], properties, message: unescapeData(m[3]) };
}

describe('lint --format github', () => {
  it('writes one annotation per finding with file, 1-based lines and columns and the rule as title', () => {
    const ws = tempWorkspace(AWKWARD_FILES);
    after(ws.cleanup);
    const r = runCli(['lint', '--format', 'github'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const commands = r.stdout.trimEnd().split('\n').map(parseCommand);
    assert.deepEqual(commands.map((c) => c.properties.file).sort(), Object.keys(AWKWARD_FILES).sort());
    for (const c of commands) {
      assert.equal(c.command, 'warning');
      assert.deepEqual(Object.keys(c.properties), ['file', 'line', 'endLine', 'col', 'endColumn', 'title']);
      assert.deepEqual([c.properties.line, c.properties.endLine, c.properties.title], ['3', '3', 'missing-timeout']);
      assert.match(c.message, /timeout/);
    }
    assert.match(r.stdout, /file=odd\/a%2Cb%3Ac\.py,/);
  });

  it('escapes %, CR and LF in messages and also : and , in properties, so each reads back unchanged', async () => {
    const report = awkwardReport('/nowhere');
    const text = await render(writeGithubReport, report);
    const lines = text.split('\n');
    assert.equal(lines.pop(), '');
    const commands = lines.map(parseCommand);
    assert.deepEqual(commands.map((c) => c.message), AWKWARD_MESSAGES);
    assert.deepEqual(commands.map((c) => c.command), ['error', 'warning', 'notice', 'notice']);
    for (const c of commands) assert.equal(c.properties.file, 'dir with space/ünï,c:d.yaml');
    assert.deepEqual(commands.map((c) => [c.properties.line, c.properties.col, c.properties.endColumn]), [['1', '3', '6'], ['2', '3', '6'], ['3', '3', '6'], ['4', '3', '6']]);
    assert.ok(text.includes('%250A taken literally'), 'a literal %0A in a message is not read as a line break');
  });
});
