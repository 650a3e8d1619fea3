// `--format junit`: well-formed JUnit XML (read back with the strict sax parser from node_modules), counts that add up.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeJunitReport } from '../../server/src/cli/formatters/junit';
import { AWKWARD_FILES, AWKWARD_MESSAGES, awkwardReport, render } from './ciReports';
import { FIXTURES, runCli, tempWorkspace } from './helpers';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

interface SaxParser {
  onerror: (e: Error) => void;
  onopentag: (node: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: () => void;
  ontext: (t: string) => void;
  write(s: string): SaxParser;
  close(): void;
}
// sax ships no types: the few members used here.
const sax = createRequire(__filename)('sax') as { parser(strict: boolean): SaxParser };

/** Parses `xml` strictly (a well-formedness error throws) into a tree of elements. */
function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true);
  const root: XmlElement = { name: '', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.onerror = (e) => {
    throw e;
  };
  parser.onopentag = (node) => {
    const el = { name: node.name, attributes: node.attributes, children: [], text: '' };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => void (stack.at(-1)!.text += t);
  parser.write(xml).close();
  assert.equal(root.children.length, 1);
  return root.children[0];
}

const all = (el: XmlElement, name: string): XmlElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
const count = (el: XmlElement, key: string) => Number(el.attributes[key]);

describe('lint --format junit', () => {
  it('writes a testsuite per file, a testcase per file and rule and a failure per finding, with counts that add up', () => {
    const ws = tempWorkspace({ ...AWKWARD_FILES, 'two.py': `${AWKWARD_FILES['odd/a,b:c.py']}import httpx\nhttpx.post("http://x/", timeout=None)\n` });
    after(ws.cleanup);
    const r = runCli(['lint', '--format', 'junit'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
    const doc = parseXml(r.stdout);
    assert.equal(doc.name, 'testsuites');
    const suites = all(doc, 'testsuite');
    assert.deepEqual(suites.map((s) => s.attributes.name), [...Object.keys(AWKWARD_FILES), 'two.py'].sort());
    assert.equal(all(doc, 'failure').length, 5);
    assert.equal(count(doc, 'failures'), 5);
    assert.equal(count(doc, 'tests'), all(doc, 'testcase').length);
    for (const s of suites) {
      assert.equal(count(s, 'tests'), all(s, 'testcase').length);
      assert.equal(count(s, 'failures'), all(s, 'failure').length);
      for (const c of all(s, 'testcase')) assert.deepEqual([c.attributes.classname, c.attributes.name], [s.attributes.name, 'missing-timeout']);
    }
    assert.equal(all(suites.find((s) => s.attributes.name === 'two.py')!, 'failure').length, 2);
  });

  it('is one passing testcase when nothing is found', () => {
    const r = runCli(['lint', '--format', 'junit'], join(FIXTURES, 'clean'));
    assert.equal(r.code, 0, r.stderr);
    const doc = parseXml(r.stdout);
    assert.deepEqual([count(doc, 'tests'), count(doc, 'failures'), all(doc, 'testcase').length, all(doc, 'failure').length], [1, 0, 1, 0]);
  });

  it('escapes markup, quotes and line breaks and removes the control characters XML forbids', async () => {
    const xml = await render(writeJunitReport, awkwardReport('/nowhere'));
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const failures = all(parseXml(xml), 'failure');
    const readable = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
    assert.deepEqual(failures.map((f) => f.attributes.message), AWKWARD_MESSAGES.map(readable));
    assert.deepEqual(failures.map((f) => f.attributes.type), ['error', 'warning', 'information', 'hint']);
    assert.equal(failures[1].text, 'dir with space/ünï,c:d.yaml:2:3 warning First line\nsecond line\r\nthird line\rend (rule-1)');
  });
});
