// `npm run bench` section: missing-timeout side by side with pylint W3101 (Debian package `pylint`, installed by
// this bench with apt-get when missing and allowed, with python3-requests, which W3101 needs to infer calls) and ruff S113 (not installable here: neither npm nor Debian has
// it; the section says so). Same Python files for every tool; findings compared by line.
// Skip with BENCH_SKIP_PYTOOLS=1.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EffectiveConfig } from '../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../server/src/core/config/schema';
import { makeSource } from '../server/src/core/documents/source';
import { analyzeSource } from '../server/src/core/engine';
import { WorkspaceIndex } from '../server/src/core/workspace/index';

/** One file per client form; each names the lines a timeout is missing on (`# expect`). */
const CASES: Record<string, string> = {
  'requests_module.py': 'import requests\nrequests.get(u)  # expect\nrequests.post(u, json={})  # expect\nrequests.get(u, timeout=5)\nrequests.get(u, timeout=None)  # expect\nrequests.request("GET", u)  # expect\n',
  'requests_alias.py': 'import requests as r\nfrom requests import get as fetch\nr.put(u)  # expect\nfetch(u)  # expect\n',
  'requests_session.py': 'import requests\ns = requests.Session()\ns.get(u)  # expect\nwith requests.Session() as t:\n    t.post(u)  # expect\n',
  'requests_kwargs.py': 'import requests\ndef f(**kw):\n    return requests.get(u, **kw)\n',
  'httpx_calls.py': 'import httpx\nhttpx.get(u)\nhttpx.get(u, timeout=None)  # expect\nc = httpx.Client(timeout=None)  # expect\n',
  'aiohttp_session.py': 'import aiohttp\nasync def f():\n    async with aiohttp.ClientSession() as s:  # expect\n        await s.get(u)\n',
  'urllib_open.py': 'import urllib.request\nurllib.request.urlopen(u)  # expect\nurllib.request.urlopen(u, timeout=3)\n',
  'unrelated.py': 'd = {}\nd.get("a")\nclass C:\n    def get(self, u): ...\nC().get(u)\n',
};

interface Hit {
  file: string;
  line: number;
}
const key = (h: Hit) => `${h.file}:${h.line}`;

function ours(dir: string, files: string[]): Promise<Hit[]> {
  const config = new EffectiveConfig(DEFAULT_SETTINGS);
  return Promise.all(
    files.map(async (f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const r = await analyzeSource({ source: makeSource(join(dir, f), text, 'python'), config, workspace: new WorkspaceIndex() });
      r.tree?.delete();
      return r.findings.filter((x) => x.ruleId === 'missing-timeout').map((x) => ({ file: f, line: x.range.start.line + 1 }));
    }),
  ).then((xs) => xs.flat());
}

function pylintAvailable(): string | undefined {
  const probe = spawnSync('pylint', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return probe.stdout.split('\n')[0];
  if (process.env.BENCH_NO_INSTALL || process.getuid?.() !== 0) return undefined;
  const apt = spawnSync('sh', ['-c', 'apt-get install -y -qq pylint python3-requests >/dev/null 2>&1 || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq pylint python3-requests >/dev/null 2>&1)'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt.status !== 0) return undefined;
  return spawnSync('pylint', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0];
}

function pylint(dir: string, files: string[]): Hit[] {
  const r = spawnSync('pylint', ['--disable=all', '--enable=W3101', '--output-format=json', '--score=n', ...files], { cwd: dir, encoding: 'utf8' });
  const out = JSON.parse(r.stdout || '[]') as { path: string; line: number; symbol: string }[];
  return out.filter((m) => m.symbol === 'missing-timeout').map((m) => ({ file: m.path, line: m.line }));
}

export async function benchPythonTools(): Promise<void> {
  if (process.env.BENCH_SKIP_PYTOOLS) {
    console.log('\nPython side by side: skipped (BENCH_SKIP_PYTOOLS is set)');
    return;
  }
  const dir = resolve('.bench-cache/pytools');
  mkdirSync(dir, { recursive: true });
  const files = Object.keys(CASES);
  for (const f of files) writeFileSync(join(dir, f), CASES[f]);
  writeFileSync(join(dir, 'shop_orders.py'), readFileSync('examples/shop/orders/app.py'));
  files.push('shop_orders.py');
  const expected = new Set(files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').flatMap((l, i) => (/# expect/.test(l) ? [`${f}:${i + 1}`] : []))));
  for (const l of [25, 35, 65]) expected.add(`shop_orders.py:${l}`); // examples/shop/README.md
  console.log(`\nPython side by side: missing-timeout vs pylint W3101 vs ruff S113 on ${files.length} files, ${expected.size} calls that can wait forever`);
  const rows: [string, Set<string> | undefined, string][] = [['backend-architect missing-timeout', new Set((await ours(dir, files)).map(key)), '']];
  const version = pylintAvailable();
  rows.push(['pylint W3101', version ? new Set(pylint(dir, files).map(key)) : undefined, version ? version : 'not installed (apt-get install pylint; the bench installs it when run as root)']);
  let ruff: string | undefined;
  try {
    ruff = execFileSync('ruff', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    ruff = undefined;
  }
  rows.push(['ruff S113', undefined, ruff ? `${ruff} found but not compared` : 'not installable here: no npm package (@astral-sh/ruff is a 404) and no Debian package; PyPI is refused']);
  for (const [name, hits, note] of rows) {
    if (!hits) {
      console.log(`  ${name.padEnd(36)} skipped: ${note}`);
      continue;
    }
    const found = [...expected].filter((e) => hits.has(e));
    const missed = [...expected].filter((e) => !hits.has(e));
    const extra = [...hits].filter((h) => !expected.has(h));
    console.log(`  ${name.padEnd(36)} found ${found.length}/${expected.size}, false positives ${extra.length}${note ? `  (${note})` : ''}`);
    if (missed.length) console.log(`    missed: ${missed.join(', ')}`);
    if (extra.length) console.log(`    extra: ${extra.join(', ')}`);
  }
}

if (require.main === module) benchPythonTools().catch((e) => { console.error(e); process.exit(1); });
