import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conflictMarkers } from '../../../server/src/core/documents/conflictMarkers';
import { parseJson } from '../../../server/src/core/documents/json';
import { MAX_JSON_NESTING_DEPTH } from '../../../server/src/core/documents/jsonShape';
import { isReadable, toPlain } from '../../../server/src/core/documents/tree';
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, parseYaml, parseYamlStream } from '../../../server/src/core/documents/yaml';

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

/** A mapping nested `levels` deep, one key per line. */
const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}a:\n`).join('');

describe('YAML indented with tabs', () => {
  it('reports each tab-indented line at its tab, and the file is not readable', () => {
    const text = 'services:\n\tweb:\n\t\timage: nginx\n';
    const d = parseYaml(text);
    assert.deepEqual(d.problems.map((p) => [lineOf(text, p.start), text[p.start]]), [[1, '\t'], [2, '\t']]);
    assert.match(d.problems[0].message, /tab/i);
    assert.equal(isReadable(d), false);
  });

  it('reports a tab after spaces in the indentation', () => {
    const text = 'services:\n  web:\n  \timage: nginx\n';
    const d = parseYaml(text);
    assert.deepEqual(d.problems.map((p) => p.start), [text.indexOf('\timage')]);
  });

  it('says nothing of tabs that are not indentation (after a key, after a dash, in a comment, in a block scalar, on a blank line)', () => {
    const d = parseYaml('b:\tc\nd:\n  -\te\n# \tcomment\ns: |\n  x\ty\n\t\n');
    assert.deepEqual(d.problems, []);
    assert.deepEqual(toPlain(d.root), { b: 'c', d: ['e'], s: 'x\ty\n' });
  });
});

describe('YAML duplicate keys', () => {
  it('keeps the last value and reports the repeat where it is written, naming the first line', () => {
    const text = 'a: 1\nb: 2\na: 3\n';
    const d = parseYaml(text);
    assert.deepEqual(toPlain(d.root), { b: 2, a: 3 });
    assert.equal(d.problems.length, 1);
    assert.equal(d.problems[0].start, text.lastIndexOf('a:'));
    assert.match(d.problems[0].message, /Duplicate key "a" \(first on line 1\).*last value/);
    assert.equal(isReadable(d), true);
  });

  it('reports every repeat of a key, in flow mappings and in each document of a stream', () => {
    const text = 'x: {k: 1, k: 2, k: 3}\n---\nn: 1\nn: 2\n';
    const d = parseYamlStream(text);
    assert.deepEqual(d.problems.map((p) => lineOf(text, p.start)), [0, 0, 3]);
    assert.deepEqual(toPlain(d.root), [{ x: { k: 3 } }, { n: 2 }]);
  });

  it('reports a repeat in a mapping of many keys', () => {
    const text = `${Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join('\n')}\nk7: again\n`;
    const d = parseYaml(text);
    assert.deepEqual(d.problems.map((p) => p.start), [text.indexOf('k7: again')]);
  });

  it('does not report two merge keys, but does report a quoted "<<" twice', () => {
    assert.deepEqual(parseYaml('b: &b {x: 1}\nc: &c {y: 2}\nm:\n  <<: *b\n  <<: *c\n').problems, []);
    assert.equal(parseYaml('"<<": 1\n"<<": 2\n').problems.length, 1);
  });
});

describe('JSON duplicate keys', () => {
  it('keeps the last value and reports the repeat where it is written, and the file is still analyzed', () => {
    const text = '{\n  "a": 1,\n  "b": {"c": "x:y"},\n  "a": 3\n}\n';
    const d = parseJson(text);
    assert.deepEqual(toPlain(d.root), { b: { c: 'x:y' }, a: 3 });
    assert.equal(d.problems.length, 1);
    assert.equal(d.problems[0].start, text.lastIndexOf('"a"'));
    assert.match(d.problems[0].message, /Duplicate key "a" \(first on line 2\).*last value/);
    assert.equal(isReadable(d), true);
  });

  it('reports every repeat, nested and in JSON with comments', () => {
    const text = '{"x": {"k": 1, "k": 2, "k": 3}, // note\n "y": [{"n": 1, "n": 2}]}';
    const d = parseJson(text);
    assert.equal(d.problems.length, 3);
    assert.deepEqual(toPlain(d.root), { x: { k: 3 }, y: [{ n: 2 }] });
  });

  it('finds a repeat that an escaped colon elsewhere balances in the colon count', () => {
    const text = '{"a": "p", "a": "r", "s": "\\u003a"}';
    assert.equal(parseJson(text).problems.length, 1);
  });

  it('says nothing of strict JSON without repeats, colons in keys and values included', () => {
    const text = JSON.stringify({ 'http://x': { 'a:b': ['c:d', { e: 'f:g:h' }] }, n: [1, [2, [3]]], u: '\u003a' });
    const d = parseJson(text);
    assert.deepEqual(d.problems, []);
    assert.deepEqual(toPlain(d.root), JSON.parse(text));
  });
});

describe('conflict markers', () => {
  const conflict = 'services:\n<<<<<<< HEAD\n  web:\n    image: a\n=======\n  web:\n    image: b\n>>>>>>> feature\n';

  it('names each conflict once in YAML, at its start, with the lines of its other markers, and the file is not analyzed', () => {
    const d = parseYaml(conflict);
    assert.deepEqual(d.problems.map((p) => lineOf(conflict, p.start)), [1]);
    assert.match(d.problems[0].message, /^Git conflict markers: an unresolved merge conflict starts here \(the other side at line 5, the end at line 8\)/);
    assert.equal(conflict.slice(d.problems[0].start, d.problems[0].end), '<<<<<<< HEAD');
    assert.equal(d.root, undefined);
  });

  it('names each conflict of a JSON file, and a stray end marker on its own', () => {
    const text = '{\n<<<<<<< ours\n  "a": 1\n=======\n  "a": 2\n>>>>>>> theirs\n,\n<<<<<<< ours\n  "b": 1\n=======\n  "b": 2\n>>>>>>> theirs\n>>>>>>> old\n}\n';
    const problems = parseJson(text).problems;
    assert.deepEqual(problems.map((p) => lineOf(text, p.start)), [1, 7, 12]);
    assert.match(problems[2].message, /no conflict opened before it/);
  });

  it('counts the diff3 base marker, handles CRLF line ends, and says when a conflict never ends', () => {
    const text = '<<<<<<< a\r\nx\r\n||||||| base\r\ny\r\n=======\r\nz\r\n>>>>>>> b\r\n';
    const found = conflictMarkers(text);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /\(the common ancestor's side at line 3, the other side at line 5, the end at line 7\)/);
    assert.equal(text.slice(found[0].start, found[0].end), '<<<<<<< a');
    assert.match(conflictMarkers('<<<<<<< a\nx\n=======\ny\n')[0].message, /\(the other side at line 3\) and never ends/);
  });

  it('ignores a line of seven "=" outside a conflict, and markers that do not start a line or are longer', () => {
    assert.deepEqual(conflictMarkers('Title\n=======\ntext\n'), []);
    assert.deepEqual(conflictMarkers('a: "<<<<<<< x"\nb: >>>>>>>>\n'), []);
  });
});

describe('resource limits', () => {
  it(`refuses YAML nested deeper than ${MAX_NESTING_DEPTH} levels, saying which limit`, () => {
    const d = parseYaml(nested(MAX_NESTING_DEPTH + 1));
    assert.equal(d.root, undefined);
    assert.equal(d.problems.length, 1);
    assert.match(d.problems[0].message, new RegExp(`nested more than ${MAX_NESTING_DEPTH} levels.*fixed limit`));
  });

  it('reads YAML nested exactly to the limit', () => {
    const d = parseYaml(nested(MAX_NESTING_DEPTH));
    assert.deepEqual(d.problems, []);
  });

  it('refuses YAML too deep for the parser itself with the same message, not a stack overflow', () => {
    for (const text of [nested(6000), `${'['.repeat(6000)}${']'.repeat(6000)}`]) {
      const d = parseYaml(text);
      assert.equal(d.problems.length, 1);
      assert.match(d.problems[0].message, /nested more than/);
      assert.doesNotMatch(d.problems[0].message, /call stack/);
    }
  });

  it(`refuses JSON nested deeper than ${MAX_JSON_NESTING_DEPTH} levels at the first bracket too deep, valid or not`, () => {
    for (const depth of [MAX_JSON_NESTING_DEPTH + 1, 60000]) {
      const inner = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      for (const text of [`{"a": ${inner}}`, `{"a": ${inner}`]) {
        const d = parseJson(text);
        assert.equal(d.root, undefined);
        assert.equal(d.problems.length, 1);
        assert.equal(d.problems[0].start, 6 + MAX_JSON_NESTING_DEPTH - 1);
        assert.match(d.problems[0].message, new RegExp(`JSON nested more than ${MAX_JSON_NESTING_DEPTH} levels.*fixed limit`));
      }
    }
  });

  it('reads JSON nested exactly to the limit, brackets inside strings not counted', () => {
    const depth = MAX_JSON_NESTING_DEPTH - 1;
    const d = parseJson(`{"s": "[[[[{{{{", "a": ${'['.repeat(depth)}${']'.repeat(depth)}}`);
    assert.deepEqual(d.problems, []);
    assert.notEqual(d.root, undefined);
  });

  it('says the alias expansion limit is fixed', () => {
    const d = parseYaml(`a: &a [${'x,'.repeat(1000)}x]\nb: &b [${'*a,'.repeat(200)}*a]\n`);
    assert.match(d.problems[0].message, new RegExp(`more than ${MAX_ALIAS_EXPANSION} nodes.*fixed limit`));
  });
});

describe('YAML with an application tag', () => {
  it('reads Compose override tags (!override, !reset) as the nodes under them, with no problem', () => {
    const d = parseYaml('services:\n  db:\n    ports: !override []\n    environment: !reset {}\n  web:\n    image: nginx\n');
    assert.deepEqual(d.problems, []);
    assert.deepEqual(toPlain(d.root), { services: { db: { ports: [], environment: {} }, web: { image: 'nginx' } } });
  });

  it('still reports a real syntax error in a file that uses such tags', () => {
    const d = parseYaml('services:\n  db:\n    ports: !override [\n  web: {\n');
    assert.ok(d.problems.some((p) => !p.warning), JSON.stringify(d.problems));
  });
});
