import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_MAX_FILE_BYTES, decodeText, makeSource, readSource } from '../../../server/src/core/documents/source';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('decodes valid UTF-8 with multi-byte and astral characters', () => {
    assert.deepEqual(decodeText(utf8('name: café 😀\n')), { text: 'name: café 😀\n' });
  });

  it('decodes an empty file to an empty text', () => {
    assert.deepEqual(decodeText(new Uint8Array()), { text: '' });
  });

  const refused: [string, number[], RegExp][] = [
    ['refuses a binary file that contains a NUL byte', [0x61, 0x00, 0x62], /binary/],
    ['refuses a PNG header as binary', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00], /binary/],
    ['refuses a lone continuation byte as invalid UTF-8', [0x61, 0x80, 0x62], /UTF-8/],
    ['refuses a truncated multi-byte sequence as invalid UTF-8', [0x61, 0xe2, 0x82], /UTF-8/],
    ['refuses an overlong encoding as invalid UTF-8', [0xc0, 0xaf], /UTF-8/],
    ['refuses an encoded surrogate as invalid UTF-8', [0xed, 0xa0, 0x80], /UTF-8/],
    ['refuses Latin-1 text as invalid UTF-8', [0x63, 0x61, 0x66, 0xe9], /UTF-8/],
  ];
  for (const [name, bytes, reason] of refused) {
    it(name, () => {
      const r = decodeText(new Uint8Array(bytes));
      assert.equal(r.text, undefined);
      assert.match(r.reason ?? '', reason);
    });
  }
});

describe('makeSource', () => {
  it('removes a leading BOM so offsets match what editors show', () => {
    const src = makeSource('api.yaml', '\ufeffopenapi: 3.0.0\n', 'openapi', 3);
    assert.equal(src.text, 'openapi: 3.0.0\n');
    assert.equal(src.version, 3);
    assert.equal(src.lines.lineText(0), 'openapi: 3.0.0');
  });

  it('keeps a BOM-like character that is not at the start', () => {
    assert.equal(makeSource('a.py', 'x = "\ufeff"\n', 'python').text, 'x = "\ufeff"\n');
  });
});

describe('readSource', () => {
  let dir: string;
  const file = async (name: string, content: string | Uint8Array) => {
    const p = join(dir, name);
    await writeFile(p, content);
    return p;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ba-source-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and classifies an OpenAPI file', async () => {
    const r = await readSource(await file('api.yaml', 'openapi: 3.0.0\npaths: {}\n'));
    assert.equal(r.ok, true);
    assert.ok(r.ok === true);
    assert.equal(r.source.kind, 'openapi');
    assert.equal(r.source.text, 'openapi: 3.0.0\npaths: {}\n');
  });

  it('removes the BOM of a file on disk and still classifies it', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('openapi: 3.0.0\r\npaths: {}\r\n')]);
    const r = await readSource(await file('bom.yaml', bytes));
    assert.ok(r.ok === true, JSON.stringify(r));
    assert.equal(r.source.kind, 'openapi');
    assert.equal(r.source.text.charCodeAt(0), 'o'.charCodeAt(0));
    assert.equal(r.source.lines.eol, '\r\n');
  });

  it('skips a binary file with a reason', async () => {
    const p = await file('blob.yaml', new Uint8Array([0x6f, 0x70, 0x00, 0x01]));
    assert.deepEqual(await readSource(p), { ok: false, path: p, reason: 'binary file (contains NUL bytes)' });
  });

  it('skips a file that is not valid UTF-8 with a reason', async () => {
    const p = await file('latin1.py', new Uint8Array([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    assert.deepEqual(await readSource(p), { ok: false, path: p, reason: 'not valid UTF-8' });
  });

  it('skips a file over the size limit with a reason naming the limit', async () => {
    const p = await file('big.py', 'x = 1\n'.repeat(400));
    const r = await readSource(p, 1024);
    assert.equal(r.ok, false);
    assert.ok(r.ok === false);
    assert.match(r.reason, /larger than the 1 KB limit/);
  });

  it('reads a file exactly at the size limit', async () => {
    const p = await file('exact.py', 'x'.repeat(1024));
    const r = await readSource(p, 1024);
    assert.equal(r.ok, true);
  });

  it('uses a 5 MB limit by default', () => {
    assert.equal(DEFAULT_MAX_FILE_BYTES, 5 * 1024 * 1024);
  });

  const ignored: [string, string][] = [
    ['notes.md', '# notes\n'],
    ['settings.yaml', 'replicas: 3\n'],
    ['package.json', '{"name": "x"}\n'],
  ];
  for (const [name, content] of ignored) {
    it(`returns 'ignored' for ${name}, a file of no kind the analyzer reads`, async () => {
      const p = await file(name, content);
      assert.deepEqual(await readSource(p), { ok: 'ignored', path: p });
    });
  }

  it('reports a missing file as unreadable instead of throwing', async () => {
    const r = await readSource(join(dir, 'nope.yaml'));
    assert.ok(r.ok === false);
    assert.match(r.reason, /^cannot read/);
  });

  it('reports a directory as unreadable instead of throwing', async () => {
    const p = join(dir, 'folder.yaml');
    await mkdir(p);
    const r = await readSource(p);
    assert.ok(r.ok === false);
    assert.match(r.reason, /^cannot read/);
  });
});
