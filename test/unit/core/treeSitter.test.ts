import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_LANGUAGES } from '../../../server/src/core/documents/classify';
import { grammarOf, loadLanguage, parseCode } from '../../../server/src/core/documents/treeSitter';

describe('tree-sitter parsing', () => {
  it('parses Python into a module without errors', async () => {
    const tree = await parseCode('python', 'import requests\n\nrequests.get("http://x", timeout=5)\n');
    assert.equal(tree.rootNode.type, 'module');
    assert.equal(tree.rootNode.hasError, false);
    assert.equal(tree.rootNode.descendantsOfType('call').length, 1);
  });

  it('gives node offsets as UTF-16 indexes after astral characters', async () => {
    const text = 's = "😀😀 𝔘"\r\nrequests.get("é", timeout=1)\n';
    const tree = await parseCode('python', text);
    const call = tree.rootNode.descendantsOfType('call')[0];
    assert.ok(call);
    assert.equal(call.startIndex, text.indexOf('requests.get'));
    assert.equal(text.slice(call.startIndex, call.endIndex), 'requests.get("é", timeout=1)');
  });

  it('gives string nodes that contain astral characters their UTF-16 length', async () => {
    const text = 'x = "😀"\n';
    const tree = await parseCode('python', text);
    const str = tree.rootNode.descendantsOfType('string')[0];
    assert.ok(str);
    assert.equal(text.slice(str.startIndex, str.endIndex), '"😀"');
    assert.equal(str.endIndex - str.startIndex, 4);
  });

  it('returns a tree with an error node for invalid code instead of throwing', async () => {
    const tree = await parseCode('python', 'def broken(:\n    pass\n');
    assert.equal(tree.rootNode.hasError, true);
  });

  const roots: Record<(typeof CODE_LANGUAGES)[number], string> = {
    python: 'module',
    typescript: 'program',
    javascript: 'program',
    go: 'source_file',
    java: 'program',
  };
  for (const lang of CODE_LANGUAGES) {
    it(`loads the ${lang} grammar and parses a file of it`, async () => {
      const tree = await parseCode(lang, '');
      assert.equal(tree.rootNode.type, roots[lang]);
    });
  }

  it('reads a .tsx file with the TypeScript grammar that knows JSX', async () => {
    const text = 'export const List = ({ items }: { items: string[] }) => (\n  <ul className="a">{items.map((i) => <Item key={i} name={i} />)}</ul>\n);\n';
    assert.equal(grammarOf('typescript', '/w/web/List.tsx'), 'tsx');
    assert.equal(grammarOf('typescript', '/w/api/list.ts'), 'typescript');
    assert.equal(grammarOf('javascript', '/w/web/List.jsx'), 'javascript');
    const tsx = await parseCode(grammarOf('typescript', '/w/web/List.tsx'), text);
    assert.equal(tsx.rootNode.hasError, false);
    // The plain grammar reads JSX only by error recovery, which took minutes and gigabytes on large components.
    const plain = await parseCode('typescript', text);
    assert.equal(plain.rootNode.hasError, true);
  });

  it('loads each grammar once and reuses it', async () => {
    const [a, b] = await Promise.all([loadLanguage('python'), loadLanguage('python')]);
    assert.equal(a, b);
  });

  it('re-parses incrementally from an edited tree to the same result as a full parse', async () => {
    const before = 'import requests\nrequests.get(url)\n';
    const after = 'import requests\nrequests.get(url, timeout=5)\n';
    const old = await parseCode('python', before);
    const at = before.indexOf(')');
    old.edit({
      startIndex: at,
      oldEndIndex: at,
      newEndIndex: at + ', timeout=5'.length,
      startPosition: { row: 1, column: at - 16 },
      oldEndPosition: { row: 1, column: at - 16 },
      newEndPosition: { row: 1, column: at - 16 + ', timeout=5'.length },
    });
    const incremental = await parseCode('python', after, old);
    const full = await parseCode('python', after);
    assert.equal(incremental.rootNode.toString(), full.rootNode.toString());
    assert.equal(incremental.rootNode.descendantsOfType('keyword_argument').length, 1);
  });
});
