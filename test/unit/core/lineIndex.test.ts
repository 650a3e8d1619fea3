import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import { makeSource } from '../../../server/src/core/documents/source';

describe('LineIndex', () => {
  describe('positionAt', () => {
    const cases: { name: string; text: string; offset: number; line: number; character: number }[] = [
      { name: 'maps offset 0 to the start of the first line', text: 'ab\ncd', offset: 0, line: 0, character: 0 },
      { name: 'maps the offset of a \\n itself to the end of its line', text: 'ab\ncd', offset: 2, line: 0, character: 2 },
      { name: 'maps an offset after a \\n line break to the next line', text: 'ab\ncd', offset: 3, line: 1, character: 0 },
      { name: 'maps an offset after a CRLF line break to the next line', text: 'ab\r\ncd', offset: 4, line: 1, character: 0 },
      { name: 'keeps the offset between \\r and \\n of a CRLF on the first line', text: 'ab\r\ncd', offset: 3, line: 0, character: 3 },
      { name: 'treats a lone \\r as a line break', text: 'ab\rcd', offset: 3, line: 1, character: 0 },
      { name: 'treats \\r\\r as two line breaks', text: 'a\r\rb', offset: 3, line: 2, character: 0 },
      { name: 'treats \\n\\r\\n as two line breaks', text: 'a\n\r\nb', offset: 4, line: 2, character: 0 },
      { name: 'counts a surrogate pair as two UTF-16 units', text: '😀x', offset: 2, line: 0, character: 2 },
      { name: 'counts astral characters on a later line in UTF-16 units', text: 'a\r\n😀😀=1', offset: 7, line: 1, character: 4 },
      { name: 'maps the end of the text to the last line', text: 'ab\ncd', offset: 5, line: 1, character: 2 },
      { name: 'maps the end of text ending in a line break to an empty last line', text: 'ab\n', offset: 3, line: 1, character: 0 },
    ];
    for (const c of cases) {
      it(c.name, () => {
        assert.deepEqual(new LineIndex(c.text).positionAt(c.offset), { line: c.line, character: c.character });
      });
    }

    it('clamps a negative offset to the start of the text', () => {
      assert.deepEqual(new LineIndex('ab\ncd').positionAt(-5), { line: 0, character: 0 });
    });

    it('clamps an offset past the end to the end of the text', () => {
      assert.deepEqual(new LineIndex('ab\ncd').positionAt(99), { line: 1, character: 2 });
    });

    it('maps every offset of an empty text to line 0, character 0', () => {
      const idx = new LineIndex('');
      assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
      assert.deepEqual(idx.positionAt(3), { line: 0, character: 0 });
      assert.equal(idx.lineCount, 1);
    });
  });

  describe('offsetAt', () => {
    it('clamps a character past the end of a line to the end of its content, before the CRLF', () => {
      assert.equal(new LineIndex('ab\r\ncd').offsetAt({ line: 0, character: 10 }), 2);
    });

    it('clamps a character past the end of a line to the end of its content, before a lone \\r', () => {
      assert.equal(new LineIndex('ab\rcd').offsetAt({ line: 0, character: 10 }), 2);
    });

    it('clamps a line past the last one to the end of the text', () => {
      assert.equal(new LineIndex('ab\ncd').offsetAt({ line: 7, character: 0 }), 5);
    });

    it('clamps a negative line to offset 0', () => {
      assert.equal(new LineIndex('ab\ncd').offsetAt({ line: -1, character: 1 }), 0);
    });

    it('clamps a negative character to the start of the line', () => {
      assert.equal(new LineIndex('ab\ncd').offsetAt({ line: 1, character: -3 }), 3);
    });

    it('clamps a character past the end of the last line to the end of the text', () => {
      assert.equal(new LineIndex('ab\ncd').offsetAt({ line: 1, character: 50 }), 5);
    });
  });

  describe('round trips', () => {
    const texts: [string, string][] = [
      ['\\n line breaks', 'openapi: 3.0.0\ninfo:\n  title: x\n'],
      ['CRLF line breaks', 'openapi: 3.0.0\r\ninfo:\r\n  title: x\r\n'],
      ['lone \\r line breaks', 'a\rbb\rccc'],
      ['mixed line breaks', 'a\nb\r\nc\rd\n\r\n'],
      ['astral characters', 'title: "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"\r\nnext: é\n'],
      ['empty lines only', '\n\n\r\n\r'],
    ];
    for (const [label, text] of texts) {
      it(`returns every offset that is not inside a line break from offsetAt(positionAt(offset)) with ${label}`, () => {
        const idx = new LineIndex(text);
        for (let o = 0; o <= text.length; o++) {
          const insideCrlf = text[o - 1] === '\r' && text[o] === '\n';
          if (insideCrlf) continue;
          assert.equal(idx.offsetAt(idx.positionAt(o)), o, `offset ${o}`);
        }
      });
    }

    it('maps the offset inside a CRLF back to the end of the line content', () => {
      const idx = new LineIndex('ab\r\ncd');
      assert.equal(idx.offsetAt(idx.positionAt(3)), 2);
    });
  });

  describe('lines', () => {
    it('counts lines for each kind of line break', () => {
      assert.equal(new LineIndex('a\nb\r\nc\rd').lineCount, 4);
    });

    it('returns line text without its line break', () => {
      const idx = new LineIndex('one\r\ntwo\rthree\nfour');
      assert.deepEqual([0, 1, 2, 3].map((l) => idx.lineText(l)), ['one', 'two', 'three', 'four']);
    });

    it('returns line start offsets and clamps an out-of-range line', () => {
      const idx = new LineIndex('ab\r\ncd\nef');
      assert.deepEqual([idx.lineStart(0), idx.lineStart(1), idx.lineStart(2)], [0, 4, 7]);
      assert.equal(idx.lineStart(99), 7);
      assert.equal(idx.lineStart(-1), 0);
    });

    it('returns the end of a line before its line break', () => {
      const idx = new LineIndex('ab\r\ncd\nef');
      assert.deepEqual([idx.lineEnd(0), idx.lineEnd(1), idx.lineEnd(2)], [2, 6, 9]);
    });

    it('converts an offset span into a range', () => {
      assert.deepEqual(new LineIndex('ab\r\ncd').rangeOf(1, 5), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
    });
  });

  describe('eol', () => {
    const cases: [string, string, string][] = [
      ['detects CRLF when the first line break is \\r\\n', 'a\r\nb\n', '\r\n'],
      ['detects \\n when the first line break is \\n', 'a\nb\r\n', '\n'],
      ['defaults to \\n for a text without line breaks', 'abc', '\n'],
      ['defaults to \\n for an empty text', '', '\n'],
      ['detects CRLF when the text starts with an empty CRLF line', '\r\nx', '\r\n'],
    ];
    for (const [name, text, eol] of cases) {
      it(name, () => assert.equal(new LineIndex(text).eol, eol));
    }
  });

  describe('with a BOM-stripped source', () => {
    it('positions the first character of a BOM-prefixed file at character 0', () => {
      const src = makeSource('api.yaml', '\ufeffopenapi: 3.0.0\r\npaths: {}\r\n', 'openapi');
      assert.equal(src.text.charCodeAt(0), 'o'.charCodeAt(0));
      assert.deepEqual(src.lines.positionAt(0), { line: 0, character: 0 });
      assert.deepEqual(src.lines.positionAt(src.text.indexOf('paths')), { line: 1, character: 0 });
    });
  });
});
