import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { listWorkspaceFiles, type ScanOptions } from '../../../server/src/core/workspace/scan';

/** Creates a workspace from a map of relative paths to contents in a fresh temp dir. */
async function workspace(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ba-scan-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, ...rel.split('/'));
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, content);
  }
  roots.push(root);
  return root;
}

const roots: string[] = [];

async function list(root: string, opts?: ScanOptions): Promise<string[]> {
  return (await listWorkspaceFiles(root, opts)).map((p) => relative(root, p).split(sep).join('/'));
}

describe('listWorkspaceFiles', () => {
  after(async () => {
    for (const r of roots) await rm(r, { recursive: true, force: true });
  });

  it('lists only analyzable extensions and the config file, sorted, as absolute paths', async () => {
    const root = await workspace({
      'api.yaml': '',
      'compose.yml': '',
      'spec.json': '',
      'app/main.py': '',
      'web/index.ts': '',
      'svc/main.go': '',
      'svc/Main.java': '',
      'web/util.mjs': '',
      '.backend-architect.yaml': '',
      'README.md': '',
      'Dockerfile': '',
      'logo.png': '',
      'notes.txt': '',
      '.backend-architect.yml': '',
    });
    const abs = await listWorkspaceFiles(root);
    assert.ok(abs.every((p) => p.startsWith(root)));
    assert.deepEqual(
      abs.map((p) => relative(root, p).split(sep).join('/')),
      ['.backend-architect.yaml', '.backend-architect.yml', 'api.yaml', 'app/main.py', 'compose.yml', 'spec.json', 'svc/Main.java', 'svc/main.go', 'web/index.ts', 'web/util.mjs'],
    );
  });

  it('skips the .git folder', async () => {
    const root = await workspace({ '.git/config.json': '', '.git/hooks/x.py': '', 'a.py': '' });
    assert.deepEqual(await list(root), ['a.py']);
  });

  describe('.gitignore', () => {
    let root: string;
    before(async () => {
      root = await workspace({
        '.gitignore': '# build output\n*.gen.yaml\nsecrets/\n/top-only.py\n',
        'api.yaml': '',
        'api.gen.yaml': '',
        'secrets/db.yaml': '',
        'top-only.py': '',
        'sub/top-only.py': '',
        'sub/.gitignore': 'local.py\n!keep.gen.yaml\ncache/\n',
        'sub/local.py': '',
        'sub/ok.py': '',
        'sub/keep.gen.yaml': '',
        'sub/other.gen.yaml': '',
        'sub/cache/a.py': '',
        'sub/deeper/local.py': '',
        'local.py': '',
        'cache/a.py': '',
      });
    });

    it('honours the root .gitignore for files, folders and anchored patterns', async () => {
      const files = await list(root);
      assert.ok(files.includes('api.yaml'));
      assert.ok(!files.includes('api.gen.yaml'), 'a file glob');
      assert.ok(!files.includes('secrets/db.yaml'), 'a folder pattern');
      assert.ok(!files.includes('top-only.py'), 'an anchored pattern');
      assert.ok(files.includes('sub/top-only.py'), 'an anchored pattern only applies at its own level');
    });

    it('honours a nested .gitignore below its own folder only', async () => {
      const files = await list(root);
      assert.ok(!files.includes('sub/local.py'));
      assert.ok(!files.includes('sub/deeper/local.py'), 'an unanchored pattern applies to deeper folders');
      assert.ok(!files.includes('sub/cache/a.py'));
      assert.ok(files.includes('local.py'), 'a nested pattern does not apply above its folder');
      assert.ok(files.includes('cache/a.py'), 'a nested folder pattern does not apply above its folder');
      assert.ok(files.includes('sub/ok.py'));
    });

    it('lets a nested .gitignore re-include a file the root .gitignore ignores, as git does', async () => {
      const files = await list(root);
      assert.ok(files.includes('sub/keep.gen.yaml'));
      assert.ok(!files.includes('sub/other.gen.yaml'));
    });

    it('gives exactly the files git would see', async () => {
      assert.deepEqual(await list(root), ['api.yaml', 'cache/a.py', 'local.py', 'sub/keep.gen.yaml', 'sub/ok.py', 'sub/top-only.py']);
    });
  });

  describe('exclude globs', () => {
    it('skips files and folders matched by the exclude settings and config ignores', async () => {
      const root = await workspace({
        'node_modules/pkg/index.js': '',
        'services/web/node_modules/pkg/index.js': '',
        'dist/server.js': '',
        '.venv/lib/site.py': '',
        'generated/api.yaml': '',
        'src/app.py': '',
        'src/orders.gen.yaml': '',
      });
      const config = new EffectiveConfig(DEFAULT_SETTINGS, { ignore: ['generated/**', '**/*.gen.yaml'] });
      assert.deepEqual(await list(root, { isExcluded: (rel) => config.isIgnored(rel) }), ['src/app.py']);
    });

    it('does not descend into an excluded folder', async () => {
      const root = await workspace({ 'node_modules/a/b/c.js': '', 'node_modules/x.js': '', 'a.py': '' });
      const asked: string[] = [];
      const config = new EffectiveConfig(DEFAULT_SETTINGS);
      const files = await list(root, {
        isExcluded: (rel) => {
          asked.push(rel);
          return config.isIgnored(rel);
        },
      });
      assert.deepEqual(files, ['a.py']);
      assert.ok(asked.every((rel) => !rel.startsWith('node_modules/') || rel === 'node_modules/'), asked.join(', '));
    });

    it('passes folder paths with a trailing slash so folder-only globs can match', async () => {
      const root = await workspace({ 'build/out.py': '', 'build.py': '' });
      assert.deepEqual(await list(root, { isExcluded: (rel) => rel === 'build/' }), ['build.py']);
    });
  });

  describe('symlinks', () => {
    it('skips symlinked files and folders', async () => {
      const outside = await workspace({ 'secret.py': '', 'lib/mod.py': '' });
      const root = await workspace({ 'a.py': '', 'real/r.go': '' });
      await symlink(join(outside, 'secret.py'), join(root, 'linked.py'));
      await symlink(join(outside, 'lib'), join(root, 'linked-lib'), 'dir');
      await symlink(join(root, 'real'), join(root, 'loop'), 'dir');
      assert.deepEqual(await list(root), ['a.py', 'real/r.go']);
    });

    it('skips a symlink that points back at its own folder without looping', async () => {
      const root = await workspace({ 'a.py': '' });
      await symlink(root, join(root, 'self'), 'dir');
      assert.deepEqual(await list(root), ['a.py']);
    });
  });

  it('returns nothing once the signal is aborted', async () => {
    const root = await workspace({ 'a.py': '', 'b/c.py': '' });
    const ac = new AbortController();
    ac.abort();
    assert.deepEqual(await list(root, { signal: ac.signal }), []);
  });

  it('returns nothing for a folder that does not exist', async () => {
    assert.deepEqual(await listWorkspaceFiles(join(tmpdir(), 'ba-scan-does-not-exist-0b7c')), []);
  });
});
