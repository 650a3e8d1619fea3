// `backend-architect review`: the architecture review document in Markdown and HTML.
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { composeProject } from '../../bench/composeCorpus';
import { runCli, tempWorkspace, ROOT } from './helpers';

const SHOP = join(ROOT, 'examples', 'shop');
const ITEMS = 10;

/** Every `[text](path#Lline)` link: the file exists beside `base` and has that line. */
function assertLinksResolve(markdown: string, base: string): number {
  let n = 0;
  for (const m of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const [path, line] = m[1].split('#L');
    const file = resolve(base, decodeURIComponent(path));
    assert.ok(existsSync(file), `link to a missing file: ${m[1]}`);
    assert.ok(line && Number(line) >= 1, `link without a line: ${m[1]}`);
    assert.ok(readFileSync(file, 'utf8').split('\n').length >= Number(line), `${m[1]} points past the end of the file`);
    n++;
  }
  return n;
}

/** The verdict row of each checklist item in the summary table. */
function verdicts(markdown: string): string[] {
  const section = markdown.slice(markdown.indexOf("## The architect's checklist"), markdown.indexOf('## Top risks'));
  return [...section.matchAll(/^\| (\d+) \| .* \| (\*\*met\*\*|\*\*not met\*\*|unknown) \|/gm)].map((m) => m[2]);
}

describe('review', () => {
  it('writes the review of examples/shop in Markdown: every checklist item has a verdict and every link a real line', () => {
    const r = runCli(['review'], SHOP);
    assert.equal(r.code, 0, r.stderr);
    for (const heading of ['## The system at a glance', '## The map', "## The architect's checklist", '## Top risks', '## Findings by root cause', '## What this review could not see']) assert.ok(r.stdout.includes(heading), heading);
    assert.equal(verdicts(r.stdout).length, ITEMS);
    assert.ok(r.stdout.includes('```mermaid\nflowchart LR'), 'the map is a Mermaid block');
    assert.ok(assertLinksResolve(r.stdout, SHOP) > 20);
    assert.match(r.stdout, /\| 2 \| Service boundaries follow DDD \| \*\*not met\*\* \|/, 'the shared database decides the boundaries item');
    assert.match(r.stdout, /not inside the build folder of any service/, 'says the spec is not mapped to a service');
  });

  it('groups findings by root cause: one entry, one finding, for the six services of a file without a restart policy', () => {
    const r = runCli(['review', 'examples/shop'], ROOT);
    const entries = r.stdout.match(/^### A long-running service without a restart policy: .*$/gm) ?? [];
    assert.deepEqual(entries, ['### A long-running service without a restart policy: 1 finding on 6 services (`missing-restart-policy`, information)']);
    assertLinksResolve(r.stdout, ROOT);
  });

  it('ranks the top risks by severity, then by how many services depend on the affected ones', () => {
    const r = runCli(['review'], SHOP);
    const risks = r.stdout.slice(r.stdout.indexOf('## Top risks'), r.stdout.indexOf('## Findings by root cause'));
    const radius = [...risks.matchAll(/^\d+\. \*\*(\w+)\*\*.*blast radius: (\d+|no) dependent/gm)].map((m) => [m[1], m[2] === 'no' ? 0 : Number(m[2])] as const);
    assert.ok(radius.length > 3);
    for (let i = 1; i < radius.length; i++) if (radius[i][0] === radius[i - 1][0]) assert.ok(radius[i][1] <= radius[i - 1][1], risks);
    assert.match(risks, /shared-database.*3 dependent services \(gateway, orders, users\)/);
  });

  it('writes a self-contained HTML file with the map as an inline SVG and links relative to the file', () => {
    const { dir, cleanup } = tempWorkspace({});
    try {
      const out = join(dir, 'out', 'review.html');
      const r = runCli(['review', SHOP, '--format', 'html', '--output', out], ROOT);
      assert.equal(r.code, 0, r.stderr);
      const html = readFileSync(out, 'utf8');
      assert.match(html, /<svg class="map"/);
      assert.equal((html.match(/<g class="node/g) ?? []).length, 6, 'six nodes drawn');
      assert.doesNotMatch(html, /(src|href)\s*=\s*["']?\s*(https?:)?\/\//i, 'nothing remote');
      assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(http/i);
      const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((h) => !h.startsWith('#'));
      assert.ok(links.length > 20);
      for (const h of links) assert.ok(existsSync(resolve(dirname(out), decodeURIComponent(h.split('#')[0]))), h);
    } finally {
      cleanup();
    }
  });

  it('reviews a generated 100-service system: every item has a verdict, every link a real line, nothing remote in HTML', () => {
    const files = composeProject('', 94);
    const { dir, cleanup } = tempWorkspace(files);
    try {
      const r = runCli(['review'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /\| Services \| 94: /);
      assert.equal(verdicts(r.stdout).length, ITEMS);
      assertLinksResolve(r.stdout, dir);
      const h = runCli(['review', '--format', 'html'], dir);
      assert.equal((h.stdout.match(/<g class="node/g) ?? []).length, 100);
      assert.doesNotMatch(h.stdout, /(src|href)\s*=\s*["']?\s*(https?:)?\/\/|<script/i);
    } finally {
      cleanup();
    }
  });

  it('keeps names with HTML and Markdown characters as text, and survives a cycle between services', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { dir, cleanup } = tempWorkspace({
      'docker-compose.yml': [
        'services:',
        `  "${evil}":`,
        '    image: shop/a:1.0',
        '    environment:',
        '      B_URL: http://b*|[x](javascript:alert(1)):8080',
        '    depends_on: ["b*|[x](javascript:alert(1))"]',
        '  "b*|[x](javascript:alert(1))":',
        '    image: shop/b:1.0',
        `    depends_on: ["${evil}"]`,
        '',
      ].join('\n'),
    });
    try {
      const r = runCli(['review'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /(^|[^\\])<img/m, 'no raw tag in the Markdown');
      assert.ok(!/\]\(javascript:/i.test(r.stdout), 'no link made from a name');
      assert.ok(r.stdout.includes('\\<img src=x onerror=alert\\(1\\)\\>'));
      const h = runCli(['review', '--format', 'html'], dir);
      assert.equal(h.code, 0, h.stderr);
      assert.ok(!h.stdout.includes('<img'));
      assert.doesNotMatch(h.stdout, /href="javascript:|onerror=alert\(1\)>/i);
      assert.ok(h.stdout.includes('&lt;img src=x onerror=alert(1)&gt;'));
    } finally {
      cleanup();
    }
  });

  it('says clearly that an empty folder has nothing to review', () => {
    const { dir, cleanup } = tempWorkspace({ 'notes.txt': 'hello\n' });
    try {
      const r = runCli(['review'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Nothing to review/);
      assert.deepEqual(verdicts(r.stdout), Array(ITEMS).fill('unknown'));
      assert.match(r.stdout, /No deployment was found/);
      assert.match(r.stderr, /nothing to review/);
    } finally {
      cleanup();
    }
  });

  it('exits 2 on an unknown format or option, a missing directory, two paths or an empty --output', () => {
    for (const args of [['--format', 'pdf'], ['--nope'], ['missing-dir'], ['a', 'b'], ['--output', '']]) {
      const r = runCli(['review', ...args], SHOP);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
  });

  it('prints its own help', () => {
    const r = runCli(['review', '--help'], SHOP);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /review \[path\] \[--format markdown\|html\] \[--output FILE\]/);
  });
});
