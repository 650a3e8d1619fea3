import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { FileKind } from '../../../server/src/core/documents/classify';
import { readSource } from '../../../server/src/core/documents/source';
import { BINARY, KIND_LIMIT_MB, generatedReason, overKindLimit, skipReason } from '../../../server/src/core/documents/skip';
import { noteWorthy } from '../../../server/src/core/project';

const LIMIT = 5 * 1024 * 1024;
/** One line of `size` characters of JavaScript. */
const oneLine = (size: number) => `var a=${'1+'.repeat(size / 2)}1;`;

describe('noteWorthy: which skipped files get their note', () => {
  const minified = 'minified code (a .min.js file); the code rules read hand-written code only';
  it('notes a minified backend file, but not one in a documentation site, vendored code, or a static folder a browser gets', () => {
    assert.equal(noteWorthy('/w/api/bundle.min.js', 'javascript', minified, '/w'), true);
    assert.equal(noteWorthy('/w/docs/script-dir/jquery-3.6.0.min.js', 'javascript', minified, '/w'), false);
    assert.equal(noteWorthy('/w/api/vendor/lodash.min.js', 'javascript', minified, '/w'), false);
    assert.equal(noteWorthy('/w/api/public/app.min.js', 'javascript', minified, '/w'), false);
  });
  it('gives no note to a bundle kept beside a web page (index.html in its folder: the page\'s assets)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ba-page-'));
    const long = 'generated or minified code (lines of 169443 characters on average); the code rules read hand-written code only';
    assert.equal(noteWorthy(join(dir, 'swagger/swagger-ui.js'), 'javascript', long, dir), true);
    await writeFile(join(dir, 'index.html'), '<script src="./swagger-ui-bundle.js"></script>');
    assert.equal(noteWorthy(join(dir, 'swagger-ui.js'), 'javascript', long, dir), false);
    await rm(dir, { recursive: true });
  });
  it('gives no note to a UI component whose long lines are an SVG path (JSX markup), and notes a long-lined server file', () => {
    const long = 'generated or minified code (lines of 475 characters on average); the code rules read hand-written code only';
    const logo = `export const RustLogo = () => (\n  <Svg viewBox="0 0 24 24"><path d="${'M23.8 11.7l-1 '.repeat(60)}" /></Svg>\n);\n`;
    assert.equal(noteWorthy('/w/web/components/logos/rust-logo.tsx', 'typescript', long, '/w', logo), false);
    assert.equal(noteWorthy('/w/api/src/routes.ts', 'typescript', long, '/w', `import express from "express";\nconst app = express();\nconst table = ${JSON.stringify('x'.repeat(900))};\n`), true);
  });
  it('always notes a file skipped for its size or bytes, and files that are not code', () => {
    assert.equal(noteWorthy('/w/docs/huge.js', 'javascript', 'larger than the 1024 KB limit (2000 KB)', '/w'), true);
    assert.equal(noteWorthy('/w/docs/openapi.yaml', 'openapi', 'generated or minified code', '/w'), true);
  });
});

describe('skipReason', () => {
  it('skips a one-line minified code file as generated, saying so', () => {
    const reason = skipReason('/w/bundle.js', oneLine(1024 * 1024), 'javascript', LIMIT);
    assert.match(reason ?? '', /^generated or minified code \(lines of \d+ characters on average\)/);
  });

  it('reads lone carriage returns (old Mac line ends) as line breaks: hand-written code so written is not one long line', () => {
    const code = Array.from({ length: 240 }, (_, i) => `  $('#field${i}').val('');`).join('\r');
    assert.ok(code.length > 4000);
    assert.equal(skipReason('/w/login.js', code, 'javascript', LIMIT), undefined);
    assert.match(skipReason('/w/bundle.js', oneLine(1024 * 1024).replace(/;$/, ';\r'), 'javascript', LIMIT) ?? '', /^generated or minified/);
  });

    it('skips .min.js files and Emscripten output', () => {
    assert.match(generatedReason('/w/app.min.js', 'x()') ?? '', /minified/);
    assert.match(generatedReason('/w/glue.js', 'var ENVIRONMENT_IS_NODE = true;\n') ?? '', /Emscripten/);
  });

  it('analyzes hand-written code with long lines here and there, and long data files', () => {
    const code = Array.from({ length: 200 }, (_, i) => (i % 10 ? 'x = 1' : 'y = "' + 'z'.repeat(400) + '"')).join('\n');
    assert.equal(skipReason('/w/app.py', code, 'python', LIMIT), undefined);
    assert.equal(skipReason('/w/api.json', oneLine(100_000), 'openapi', LIMIT), undefined, 'a minified spec is still analyzed');
    assert.equal(skipReason('/w/short.js', 'x()', 'javascript', LIMIT), undefined);
  });

  it('analyzes hand-written code whose long lines are string literals (embedded base64 icons, gofmt-aligned), and still skips minified code holding long strings', () => {
    const icons = ['package dashboard', '', 'var icons = map[string]string{', ...Array.from({ length: 30 }, (_, i) => `\t"data:image/svg+xml;base64,${'PHN2Zy'.repeat(500)}${i}": ${' '.repeat(2500)}iconPrefix + "${i}.svg",`), '}', '', 'func resolve(image string) string {', '\treturn icons[image]', '}', ''].join('\n');
    assert.equal(skipReason('/w/pkg/icons.go', icons, 'go', LIMIT), undefined);
    const bundle = `var s="${'q'.repeat(3000)}";${oneLine(200_000)}`;
    assert.match(skipReason('/w/bundle.js', bundle, 'javascript', LIMIT) ?? '', /^generated or minified/);
    // A minified bundle made mostly of template literals (styles, markup), with its code packed between them.
    const quoted = `/*! license */\nmodule.exports=function(e){${'var c=`.a{color:red}.b{margin:0 auto;padding:4px 8px}.c{display:flex}.d{font:12px sans}.e{border:0}.f{top:0}.g{left:0}.h{right:0}.i{x:1}.j{y:2}.k{z:3}.l{w:4}.m{v:5}.n{u:6}.o{t:7}.p{s:8}.q{r:9}.r{q:1}.s{p:2}.t{o:3}`;function n(r){return e[r].call(o,r)}var o=1;'.repeat(3000)}}`;
    assert.match(skipReason('/w/swagger/swagger-ui-es-bundle.js', quoted, 'javascript', LIMIT) ?? '', /^generated or minified/);
  });

  it('skips a text over the size limit, saying the limit and how to change it', () => {
    const reason = skipReason('/w/api.yaml', 'a'.repeat(3000), 'openapi', 2048);
    assert.match(reason ?? '', /larger than the 2 KB limit \(3 KB\).*maxFileSizeKb.*--max-file-size/);
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    assert.match(skipReason('/w/api.yaml', 'é'.repeat(1500), 'openapi', 2048) ?? '', /larger than/);
  });

  it('skips binary text whatever its kind, even none', () => {
    assert.equal(skipReason('/w/data.json', 'a\0b', undefined, LIMIT), BINARY);
  });
});

describe('a file on disk and the same text in the editor are skipped alike', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  const cases: [string, string | Uint8Array, FileKind | undefined, number][] = [
    ['bundle.js', oneLine(1024 * 1024), 'javascript', LIMIT],
    ['data.json', new Uint8Array([0x7b, 0x00, 0x7d]), undefined, LIMIT],
    ['big.yaml', `openapi: 3.0.0\n#${'x'.repeat(3000)}\n`, 'openapi', 2048],
  ];
  for (const [name, content, kind, limit] of cases) {
    it(name, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ba-skip-'));
      dirs.push(dir);
      const path = join(dir, name);
      await writeFile(path, content);
      const read = await readSource(path, limit);
      assert.equal(read.ok, false);
      const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
      assert.equal(skipReason(path, text, kind, limit), (read as { reason: string }).reason);
    });
  }
});

describe('UTF-16 text with a byte order mark', () => {
  it('reads a UTF-16LE or UTF-16BE file with its BOM as text (a manifest rendered by PowerShell), and a NUL-filled file without one as binary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ba-utf16-'));
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: auth\ndata:\n  LEVEL: info\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [['le.yaml', le], ['be.yaml', be]] as const) {
      await writeFile(join(dir, name), bytes);
      const read = await readSource(join(dir, name));
      assert.equal(read.ok, true, name);
      assert.equal((read as { source: { text: string; kind: string } }).source.text, yaml);
      assert.equal((read as { source: { kind: string } }).source.kind, 'kubernetes');
    }
    await writeFile(join(dir, 'nul.yaml'), Buffer.from(yaml, 'utf16le'));
    assert.deepEqual(await readSource(join(dir, 'nul.yaml')).then((r) => r.ok === false && r.reason), BINARY);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('kind limits', () => {
  const MB = 1024 * 1024;

  it('refuses a spec, a compose file or a manifest over its kind\'s limit, naming the limit and what to do', () => {
    assert.match(overKindLimit('/w/api.yaml', 'openapi', 17 * MB) ?? '', /^larger than the 16 MB an OpenAPI spec can have to be analyzed within 1\.5 GB of memory and 20 s \(17\.0 MB\), whatever the size limit; split it into files joined with \$ref$/);
    assert.match(overKindLimit('/w/compose.yaml', 'compose', 11 * MB) ?? '', /the 10 MB a compose file can have .* include or extends$/);
    assert.match(overKindLimit('/w/k8s.yaml', 'kubernetes', 11 * MB) ?? '', /the 10 MB a Kubernetes manifest can have/);
    assert.match(overKindLimit('/w/api.json', 'openapi', 33 * MB) ?? '', /the 32 MB an OpenAPI spec in JSON can have/);
  });

  it('leaves files at their kind\'s limit, and kinds without one, to the size limit', () => {
    for (const [kind, mb] of Object.entries(KIND_LIMIT_MB) as [FileKind, number][]) assert.equal(overKindLimit("/w/a.yaml", kind, mb * MB), undefined, kind);
    assert.equal(overKindLimit('/w/api.json', 'openapi', 20 * MB), undefined, 'a JSON spec may be twice as large');
    assert.equal(overKindLimit('/w/app.py', 'python', 50 * MB), undefined);
    assert.equal(overKindLimit('/w/a.yaml', undefined, 50 * MB), undefined);
  });

  it('applies to files read from disk whatever the size limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ba-kind-limit-'));
    after(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'docker-compose.yml');
    await writeFile(path, 'services:\n' + '  web:\n    image: nginx:1.27\n'.repeat(Math.ceil((11 * MB) / 29)));
    const read = await readSource(path, 100 * MB);
    assert.equal(read.ok, false);
    assert.match(read.ok === false ? read.reason : '', /the 10 MB a compose file can have/);
  });
});
