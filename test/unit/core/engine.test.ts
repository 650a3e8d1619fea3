import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/core/config/schema';
import type { FileKind } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { at, entries, str } from '../../../server/src/core/documents/tree';
import { analyzeSource, parseData } from '../../../server/src/core/engine';
import { CONFIG_ERROR, INTERNAL_ERROR, PARSE_ERROR, type Severity } from '../../../server/src/core/findings';
import type { Report, Rule, RuleContext } from '../../../server/src/core/rules/types';
import { WorkspaceIndex } from '../../../server/src/core/workspace/index';

const OPENAPI = 'openapi: 3.0.0\npaths:\n  /orders:\n    get: {}\n  /users:\n    get: {}\n';

function rule(id: string, check: (ctx: RuleContext) => Report[], kinds: FileKind[] = ['openapi'], defaultSeverity: Severity = 'warning'): Rule {
  return { id, kinds, defaultSeverity, title: id, description: id, check };
}

/** Reports each path key of an OpenAPI document. */
const eachPath = rule('each-path', (ctx) => entries(at(ctx.data, 'paths')).map((e) => ({ message: `path ${e.key.text}`, at: e.key })));

const throwing = rule('always-throws', () => {
  throw new TypeError('cannot read properties of undefined');
});

function config(rules: Settings['rules'] = {}, file?: { rules?: Settings['rules'] }) {
  return new EffectiveConfig({ ...DEFAULT_SETTINGS, rules }, file);
}

async function analyze(path: string, text: string, kind: FileKind, rules: Rule[], cfg = config()) {
  return analyzeSource({ source: makeSource(path, text, kind), config: cfg, workspace: new WorkspaceIndex(), rules });
}

describe('analyzeSource', () => {
  describe('a deadline', () => {
    let deadline = 0;
    const slow = rule('slow-rule', () => {
      while (Date.now() <= deadline); // outlasts the deadline
      return [];
    });
    const later = rule('later-rule', () => [{ message: 'ran', at: { start: 0, end: 1 } }]);
    const source = () => makeSource('/w/api.yaml', OPENAPI, 'openapi');

    it('starts no rule once it has passed, and lists the rules left out', async () => {
      deadline = Date.now() + 500; // far beyond parsing these few lines
      const r = await analyzeSource({ source: source(), config: config(), workspace: new WorkspaceIndex(), rules: [eachPath, slow, later, throwing], deadline });
      assert.deepEqual(r.notRun, ['later-rule', 'always-throws']);
      assert.deepEqual(r.findings.map((f) => f.ruleId), ['each-path', 'each-path'], 'the rules that ran keep their findings');
    });

    it('leaves nothing out when it is not reached, or not given', async () => {
      const r = await analyzeSource({ source: source(), config: config(), workspace: new WorkspaceIndex(), rules: [eachPath, later], deadline: Date.now() + 60_000 });
      assert.equal(r.notRun, undefined);
      assert.equal((await analyze('/w/api.yaml', OPENAPI, 'openapi', [slow, later])).notRun, undefined);
    });
  });

  describe('a fix given as a function (built on request)', () => {
    let built = 0;
    const lazy = rule('lazy-fix', (ctx) =>
      entries(at(ctx.data, 'paths')).map((e) => ({
        message: `path ${e.key.text}`,
        at: e.key,
        fix: () => {
          built++;
          return { title: 'Rename', edits: [{ start: e.key.start, end: e.key.end, newText: '/x' }] };
        },
      })),
    );
    const failing = rule('failing-fix', (ctx) => [{ message: 'm', at: at(ctx.data, 'paths')!, fix: () => { throw new Error('no edit'); } }]);

    it('is built at once by default, located like any fix', async () => {
      built = 0;
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [lazy]);
      assert.equal(built, 2);
      assert.deepEqual(findings[0].fix, { title: 'Rename', edits: [{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } }, newText: '/x' }] });
      assert.equal(findings[0].fixLater, undefined);
    });

    it('is left as fixLater with lazyFixes, and gives the same fix when called', async () => {
      built = 0;
      const { findings } = await analyzeSource({ source: makeSource('api.yaml', OPENAPI, 'openapi'), config: config(), workspace: new WorkspaceIndex(), rules: [lazy], lazyFixes: true });
      assert.equal(built, 0);
      assert.equal(findings[0].fix, undefined);
      assert.deepEqual(findings[0].fixLater?.(), { title: 'Rename', edits: [{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } }, newText: '/x' }] });
      assert.equal(built, 1);
    });

    it('that throws when built at once fails like its rule: one internal-error finding', async () => {
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [failing, eachPath]);
      assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['each-path', 'each-path', INTERNAL_ERROR]);
    });
  });

  describe('a rule that throws', () => {
    it('becomes one internal-error finding naming the rule and the cause while other rules still report', async () => {
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [throwing, eachPath]);
      const internal = findings.filter((f) => f.ruleId === INTERNAL_ERROR);
      assert.equal(internal.length, 1);
      assert.match(internal[0].message, /always-throws/);
      assert.match(internal[0].message, /TypeError: cannot read properties of undefined/);
      assert.deepEqual(findings.filter((f) => f.ruleId === 'each-path').map((f) => f.message), ['path /orders', 'path /users']);
    });

    it('reports a thrown value that is not an Error by its string form', async () => {
      const odd = rule('throws-a-string', () => {
        throw 'plain string';
      });
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [odd]);
      assert.equal(findings.length, 1);
      assert.match(findings[0].message, /throws-a-string.*plain string/);
    });

    it('places the internal-error finding at the start of the file', async () => {
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [throwing]);
      assert.deepEqual(findings[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.equal(findings[0].path, 'api.yaml');
    });

    it('isolates a throwing rule in a code file too', async () => {
      const py = rule('py-throws', () => {
        throw new Error('boom');
      }, ['python']);
      const ok = rule('py-ok', (ctx) => [{ message: 'module seen', at: { start: 0, end: ctx.tree?.rootNode.endIndex ?? 0 } }], ['python']);
      const { findings } = await analyze('app.py', 'import requests\n', 'python', [py, ok]);
      assert.deepEqual(findings.map((f) => f.ruleId).sort(), [INTERNAL_ERROR, 'py-ok']);
    });
  });

  describe('severity', () => {
    const cases: [string, Settings['rules'], Severity[]][] = [
      ['reports at the default severity when nothing is configured', {}, ['warning', 'warning']],
      ['reports at the severity set in the config', { 'each-path': 'error' }, ['error', 'error']],
      ['reports at the default severity when the config says on', { 'each-path': 'on' }, ['warning', 'warning']],
      ['does not run a rule the config turns off', { 'each-path': 'off' }, []],
    ];
    for (const [name, rules, severities] of cases) {
      it(name, async () => {
        const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [eachPath], config(rules));
        assert.deepEqual(findings.map((f) => f.severity), severities);
      });
    }

    it('lets the config file override the settings', async () => {
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [eachPath], config({ 'each-path': 'error' }, { rules: { 'each-path': 'hint' } }));
      assert.deepEqual(findings.map((f) => f.severity), ['hint', 'hint']);
    });

    it("does not call a rule that is turned off", async () => {
      let calls = 0;
      const spy = rule('spy', () => {
        calls++;
        return [];
      });
      await analyze('api.yaml', OPENAPI, 'openapi', [spy], config({ spy: 'off' }));
      assert.equal(calls, 0);
    });

    const milder = rule('milder', (ctx) => [{ message: 'milder variant', at: { start: 0, end: 1 }, severity: 'information' }]);
    it("keeps a report's own severity when the config does not override the rule", async () => {
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [milder]);
      assert.equal(findings[0].severity, 'information');
    });

    it("replaces a report's own severity with the one set in the config", async () => {
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [milder], config({ milder: 'error' }));
      assert.equal(findings[0].severity, 'error');
    });
  });

  describe('suppression', () => {
    it('drops a finding whose line has a suppression comment above it and keeps the others', async () => {
      const text = 'openapi: 3.0.0\npaths:\n  # backend-architect-ignore each-path\n  /orders:\n    get: {}\n  /users:\n    get: {}\n';
      const { findings } = await analyze('api.yaml', text, 'openapi', [eachPath]);
      assert.deepEqual(findings.map((f) => f.message), ['path /users']);
    });

    it('keeps a finding when the comment names another rule', async () => {
      const text = 'openapi: 3.0.0\npaths:\n  # backend-architect-ignore missing-auth\n  /orders:\n    get: {}\n';
      const { findings } = await analyze('api.yaml', text, 'openapi', [eachPath]);
      assert.deepEqual(findings.map((f) => f.message), ['path /orders']);
    });

    it('does not let a suppression comment hide an internal error', async () => {
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [throwing]);
      assert.equal(findings.length, 1);
    });
  });

  describe('parse errors', () => {
    it('reports malformed YAML as one parse-error finding at the error and runs no rule', async () => {
      let calls = 0;
      const spy = rule('spy', () => {
        calls++;
        return [];
      });
      const text = 'openapi: 3.0.0\npaths: [a, b\ninfo: x\n';
      const { findings, data } = await analyze('api.yaml', text, 'openapi', [spy]);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].ruleId, PARSE_ERROR);
      assert.equal(findings[0].severity, 'error');
      assert.deepEqual(findings[0].range.start, { line: 2, character: 0 });
      assert.equal(data, undefined);
      assert.equal(calls, 0);
    });

    it('reports a repeated key at the repeat and still runs the rules on the last value', async () => {
      const text = 'openapi: 3.0.0\npaths:\n  /orders:\n    get: {}\n  /users:\n    get: {}\n  /orders:\n    post: {}\n';
      const { findings, data } = await analyze('api.yaml', text, 'openapi', [eachPath]);
      assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['each-path', 'warning', 4], [PARSE_ERROR, 'error', 6], ['each-path', 'warning', 6]]);
      assert.match(findings.find((f) => f.ruleId === PARSE_ERROR)!.message, /Duplicate key "\/orders" \(first on line 3\)/);
      assert.ok(data);
    });

    it('reports a tab-indented line as a parse error at its line and runs no rule on the misread tree', async () => {
      const text = 'openapi: 3.0.0\npaths:\n\t/orders:\n\t\tget: {}\n';
      const { findings } = await analyze('api.yaml', text, 'openapi', [eachPath]);
      assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.character]), [[PARSE_ERROR, 'error', 2, 0], [PARSE_ERROR, 'error', 3, 0]]);
    });

    it('reports conflict markers in a code file and still runs its rules', async () => {
      const ok = rule('py-ok', () => [{ message: 'seen', at: { start: 0, end: 1 } }], ['python']);
      const text = 'import requests\n<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> main\n';
      const { findings } = await analyze('app.py', text, 'python', [ok]);
      assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line]), [['py-ok', 0], [PARSE_ERROR, 1]]);
    });

    it('does not take conflict-marker lines inside a string literal for a conflict, in any of the four languages', async () => {
      const block = '<<<<<<< SEARCH\nold line\n=======\nnew line\n>>>>>>> REPLACE';
      const cases: Array<[string, string, 'typescript' | 'python' | 'go' | 'java']> = [
        ['prompt.ts', `export const prompt = \`Edit like this:\n${block}\n\`;\n`, 'typescript'],
        ['prompt.py', `PROMPT = """Edit like this:\n${block}\n"""\n`, 'python'],
        ['prompt.go', `package p\n\nconst Prompt = \`Edit like this:\n${block}\n\`\n`, 'go'],
        ['Prompt.java', `class Prompt {\n  static final String P = """\n    Edit like this:\n${block}\n    """;\n}\n`, 'java'],
      ];
      for (const [path, text, kind] of cases) {
        const { findings } = await analyze(path, text, kind, []);
        assert.deepEqual(findings.map((f) => f.ruleId), [], path);
      }
    });

    it('still reports a real conflict in TypeScript, Go and Java code', async () => {
      const cases: Array<[string, string, 'typescript' | 'go' | 'java']> = [
        ['a.ts', 'const a = 1;\n<<<<<<< HEAD\nconst b = "x";\n=======\nconst b = `y`;\n>>>>>>> feature\n', 'typescript'],
        ['a.go', 'package p\n\nimport (\n<<<<<<< HEAD\n\t"fmt"\n=======\n\t"log"\n>>>>>>> feature\n)\n', 'go'],
        ['A.java', 'class A {\n<<<<<<< HEAD\n  String s = "x";\n=======\n  String s = "y";\n>>>>>>> feature\n}\n', 'java'],
      ];
      for (const [path, text, kind] of cases) {
        const { findings } = await analyze(path, text, kind, []);
        assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line]), [[PARSE_ERROR, text.split('\n').indexOf('<<<<<<< HEAD')]], path);
      }
    });

    it('reports malformed JSON as one parse-error finding at the error', async () => {
      const text = '{\n  "openapi": "3.0.0",\n  "paths": {\n}\n';
      const { findings } = await analyze('api.json', text, 'openapi', [eachPath]);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].ruleId, PARSE_ERROR);
      assert.match(findings[0].message, /JSON/);
    });

    it('reports a YAML alias bomb as one parse-error finding', async () => {
      const lines = ['openapi: 3.0.0', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 7; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
      const { findings } = await analyze('api.yaml', lines.join('\n'), 'openapi', [eachPath]);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].ruleId, PARSE_ERROR);
      assert.match(findings[0].message, /alias/);
    });

    it('parses .json files as JSON and other data files as YAML', () => {
      assert.equal(parseData(makeSource('API.JSON', '{}', 'openapi')).format, 'json');
      assert.equal(parseData(makeSource('api.yaml', 'a: 1', 'openapi')).format, 'yaml');
      assert.equal(parseData(makeSource('compose.yml', 'a: 1', 'compose')).format, 'yaml');
    });
  });

  describe('config files', () => {
    it('validates a config file into invalid-config findings located in it', async () => {
      const text = 'rules:\n  missing-auth: loud\n';
      const { findings } = await analyze('.backend-architect.yaml', text, 'config', []);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].ruleId, CONFIG_ERROR);
      assert.equal(findings[0].severity, 'error');
      assert.deepEqual(findings[0].range, { start: { line: 1, character: 16 }, end: { line: 1, character: 20 } });
    });

    it('reports an unknown rule id in a config file', async () => {
      const { findings } = await analyze('.backend-architect.yaml', 'rules:\n  not-a-rule: off\n', 'config', []);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].ruleId, CONFIG_ERROR);
      assert.match(findings[0].message, /not-a-rule/);
    });

    it('gives no findings for a valid config file', async () => {
      const { findings } = await analyze('.backend-architect.yaml', 'rules:\n  missing-auth: off\nignore: ["gen/**"]\n', 'config', []);
      assert.deepEqual(findings, []);
    });

    it('reports malformed YAML in a config file', async () => {
      const { findings } = await analyze('.backend-architect.yaml', 'rules: [\n', 'config', []);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].ruleId, CONFIG_ERROR);
    });
  });

  describe('findings', () => {
    it('runs only the rules for the file kind', async () => {
      const composeOnly = rule('compose-only', () => [{ message: 'x', at: { start: 0, end: 1 } }], ['compose']);
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [composeOnly]);
      assert.deepEqual(findings, []);
    });

    it('gives rules the parsed root, the settings options and the workspace', async () => {
      let seen: RuleContext | undefined;
      const spy = rule('spy', (ctx) => {
        seen = ctx;
        return [];
      });
      const workspace = new WorkspaceIndex();
      const cfg = new EffectiveConfig({ ...DEFAULT_SETTINGS, defaultTimeoutMs: 1234 });
      const result = await analyzeSource({ source: makeSource('api.yaml', OPENAPI, 'openapi'), config: cfg, workspace, rules: [spy] });
      assert.ok(seen);
      assert.equal(str(at(seen.data, 'openapi')), '3.0.0');
      assert.equal(seen.options.defaultTimeoutMs, 1234);
      assert.equal(seen.workspace, workspace);
      assert.equal(result.data, seen.data);
      assert.equal(seen.tree, undefined);
    });

    it('gives rules the syntax tree of a code file and no data', async () => {
      let seen: RuleContext | undefined;
      const spy = rule('spy', (ctx) => {
        seen = ctx;
        return [];
      }, ['python']);
      const result = await analyze('app.py', 'x = 1\n', 'python', [spy]);
      assert.equal(seen?.tree?.rootNode.type, 'module');
      assert.equal(seen?.data, undefined);
      assert.equal(result.tree, seen?.tree);
    });

    it('sorts findings by position', async () => {
      const reverse = rule('reverse', (ctx) => entries(at(ctx.data, 'paths')).reverse().map((e) => ({ message: e.key.text, at: e.key })));
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [reverse]);
      assert.deepEqual(findings.map((f) => f.message), ['/orders', '/users']);
    });

    it('turns offsets into UTF-16 ranges after astral characters and CRLF line breaks', async () => {
      const text = 'openapi: 3.0.0\r\ninfo:\r\n  title: "😀 shop"\r\npaths:\r\n  /😀:\r\n    get: {}\r\n';
      const { findings } = await analyze('api.yaml', text, 'openapi', [eachPath]);
      assert.deepEqual(findings[0].range, { start: { line: 4, character: 2 }, end: { line: 4, character: 5 } });
    });

    it('turns related locations and fix edits into ranges', async () => {
      const text = 'openapi: 3.0.0\npaths:\n  /orders:\n    get: {}\n';
      const withFix = rule('with-fix', () => [
        {
          message: 'm',
          at: { start: text.indexOf('/orders'), end: text.indexOf('/orders') + 7 },
          related: [
            { at: { start: 0, end: 7 }, message: 'here' },
            { path: 'other.yaml', range: { start: { line: 3, character: 1 }, end: { line: 3, character: 2 } }, message: 'there' },
            { message: 'nowhere in particular' },
          ],
          fix: { title: 'Add security', edits: [{ start: text.indexOf('get'), end: text.indexOf('get'), newText: 'x' }] },
        },
      ]);
      const { findings } = await analyze('api.yaml', text, 'openapi', [withFix]);
      const [f] = findings;
      const orders = { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } };
      assert.deepEqual(f.range, orders);
      assert.deepEqual(f.related, [
        { path: 'api.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } }, message: 'here' },
        { path: 'other.yaml', range: { start: { line: 3, character: 1 }, end: { line: 3, character: 2 } }, message: 'there' },
        { path: 'api.yaml', range: orders, message: 'nowhere in particular' },
      ]);
      assert.deepEqual(f.fix, { title: 'Add security', edits: [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } }, newText: 'x' }] });
    });

    it('leaves related and fix out of a finding that has none', async () => {
      const { findings } = await analyze('api.yaml', OPENAPI, 'openapi', [eachPath]);
      assert.equal('related' in findings[0], false);
      assert.equal('fix' in findings[0], false);
    });
  });
});
