import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../server/src/core/findings';
import { jsonDocument, writeJsonReport } from '../../../server/src/cli/formatters/json';
import { sarifDocument, writeSarifReport } from '../../../server/src/cli/formatters/sarif';
import { writeTextReport } from '../../../server/src/cli/formatters/text';
import type { LintReport } from '../../../server/src/cli/lint';
import { CHUNK_SIZE, ChunkWriter } from '../../../server/src/cli/output/chunkWriter';
import { LazyArray, lazyArray, writeJson } from '../../../server/src/cli/output/streamedJson';

/** A writer into an array of chunks, so tests see every string handed to stdout. */
function collector() {
  const chunks: string[] = [];
  const out = new ChunkWriter(async (chunk) => {
    chunks.push(chunk);
  });
  return { out, text: () => chunks.join('') };
}

/** A writer that keeps only the sizes, the first and the last chunk, and counts `marker` (never split: chunks join whole pieces). */
function meter(marker: string) {
  const m = { out: undefined as unknown as ChunkWriter, total: 0, largest: 0, markers: 0, first: '', last: '' };
  m.out = new ChunkWriter(async (chunk) => {
    m.total += chunk.length;
    m.largest = Math.max(m.largest, chunk.length);
    for (let i = chunk.indexOf(marker); i >= 0; i = chunk.indexOf(marker, i + 1)) m.markers++;
    if (!m.first) m.first = chunk;
    m.last = chunk;
  });
  return m;
}

/** The document as the CLI built it before streaming: every LazyArray made into an array. */
function materialize(value: unknown): unknown {
  if (value instanceof LazyArray) return [...value.items()].map(materialize);
  if (Array.isArray(value)) return value.map(materialize);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]));
  return value;
}

const at = (line: number, character: number) => ({ line, character });
function finding(path: string, n: number, message = `requests.get() has no timeout (call ${n})\n"quoted" \u2028 ✔`): Finding {
  return {
    ruleId: n % 3 ? 'missing-timeout' : 'missing-auth',
    severity: n % 5 ? 'warning' : 'error',
    message,
    path,
    range: { start: at(n, 4), end: at(n, 30) },
    related: n % 2 ? [{ path: 'other.yaml', range: { start: at(1, 0), end: at(1, 5) }, message: 'related' }] : [],
    fix: n % 4 ? { title: 'Add a timeout', edits: [{ range: { start: at(n, 29), end: at(n, 29) }, newText: ', timeout=10' }] } : undefined,
  };
}

/** `files` files of `perFile` findings each; one Finding object per file is repeated, so 300,000 cost little memory. */
function fakeReport(files: number, perFile: number, message?: string): LintReport {
  return {
    cwd: '/work/shop',
    filesChecked: files + 1,
    files: Array.from({ length: files }, (_, i) => {
      const path = `services/s${String(i).padStart(4, '0')}/client.py`;
      const findings = message === undefined ? Array.from({ length: perFile }, (_, n) => finding(path, n)) : new Array<Finding>(perFile).fill(finding(path, 1, message));
      return { path, findings };
    }),
  };
}

describe('streamed reports', () => {
  it('writes the bytes of JSON.stringify(value, null, 2) for nested lazy arrays, empty ones and left-out members', async () => {
    const value = {
      a: 1,
      skipped: undefined,
      empty: lazyArray([], (x) => x),
      nested: [{ deep: lazyArray([1, 2], (x) => ({ x, text: 'two\nlines', none: undefined, list: [] })) }, 'plain', undefined],
      emptyObject: {},
      last: lazyArray([{ k: [1, { m: null }] }], (x) => x),
    };
    const { out, text } = collector();
    await writeJson(out, value);
    await out.flush();
    assert.equal(text(), `${JSON.stringify(materialize(value), null, 2)}\n`);
  });

  it('gives the same JSON and SARIF as the documents stringified whole', async () => {
    const report = fakeReport(7, 300);
    for (const [write, doc] of [[writeJsonReport, jsonDocument], [writeSarifReport, sarifDocument]] as const) {
      const { out, text } = collector();
      await write(report, out);
      await out.flush();
      assert.equal(text(), `${JSON.stringify(materialize(doc(report)), null, 2)}\n`);
    }
  });

  it('writes a JSON report longer than the longest string V8 can hold, in chunks of about 64 KiB', async () => {
    const perFinding = 1900; // 300,000 findings of this size make more than 2^29 characters, V8's limit for one string
    const m = meter('"ruleId": ');
    await writeJsonReport(fakeReport(300, 1000, 'x'.repeat(perFinding)), m.out);
    await m.out.flush();
    assert.ok(m.total > 2 ** 29, `${m.total} characters`);
    assert.equal(m.markers, 300_000);
    assert.ok(m.largest < CHUNK_SIZE + 2 * perFinding + 1024, `a chunk of ${m.largest} characters`);
    assert.ok(m.first.startsWith('{\n  "version": 1,\n  "tool": {\n'));
    assert.ok(m.last.endsWith('\n    }\n  ],\n  "summary": {\n    "files": 301,\n    "problems": 300000,\n    "errors": 0,\n    "warnings": 300000,\n    "infos": 0,\n    "hints": 0\n  }\n}\n'));
  });

  it('writes SARIF and text of 300,000 findings in chunks of about 64 KiB, all in one file for text', async () => {
    const sarif = meter('"ruleId": ');
    await writeSarifReport(fakeReport(300, 1000, 'requests.get() has no timeout'), sarif.out);
    await sarif.out.flush();
    assert.equal(sarif.markers, 300_000);
    assert.ok(sarif.last.endsWith('\n      ]\n    }\n  ]\n}\n'));
    const text = meter('missing-timeout\n');
    await writeTextReport(fakeReport(1, 300_000, 'requests.get() has no timeout'), text.out, false);
    await text.out.flush();
    assert.equal(text.markers, 300_000);
    assert.ok(text.last.endsWith('\n\n✖ 300000 problems (0 errors, 300000 warnings, 0 infos)\n'));
    for (const m of [sarif, text]) assert.ok(m.largest < CHUNK_SIZE + 4096, `a chunk of ${m.largest} characters`);
  });
});
