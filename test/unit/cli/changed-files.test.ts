import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { changedSince, parseNameStatus } from '../../../server/src/cli/changedFiles';
import { CliError } from '../../../server/src/cli/errors';
import { commitAll, git, initRepo } from '../../cli/gitHelpers';

describe('changed files since a git revision', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ba-changed-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'kept.py': 'print(1)\n',
    'edited.py': 'print(2)\n',
    'gone.py': 'print(3)\n',
    'old name.py': 'import requests\n# a file long enough for git to see the rename\nrequests.get(url)\n',
    'sub/staged.yaml': 'a: 1\n',
  };
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  initRepo(dir);
  git(dir, 'tag', 'base');
  writeFileSync(join(dir, 'edited.py'), 'print(22)\n');
  commitAll(dir, 'edit');
  unlinkSync(join(dir, 'gone.py'));
  renameSync(join(dir, 'old name.py'), join(dir, 'new näme.py'));
  git(dir, 'add', '-A');
  writeFileSync(join(dir, 'sub/staged.yaml'), 'a: 2\n'); // unstaged edit of a tracked file
  writeFileSync(join(dir, 'untracked.py'), 'x = 1\n');

  it('lists committed, staged, unstaged and untracked changes, following renames', async () => {
    const c = await changedSince(dir, 'base');
    const rel = (s: Set<string>) => [...s].map((p) => p.slice(dir.length + 1)).sort();
    assert.deepEqual(rel(c.changed), ['edited.py', 'new näme.py', 'sub/staged.yaml', 'untracked.py']);
    assert.deepEqual(rel(c.removed), ['gone.py', 'old name.py']);
  });

  it('gives paths spelled from a sub-directory as the current directory', async () => {
    const c = await changedSince(join(dir, 'sub'), 'base');
    assert.ok(c.changed.has(join(dir, 'sub', 'staged.yaml')));
  });

  it('counts from the merge base, so commits on the other branch are not changes', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ba-merge-base-'));
    try {
      writeFileSync(join(other, 'a.py'), '1\n');
      writeFileSync(join(other, 'b.py'), '1\n');
      initRepo(other);
      git(other, 'checkout', '-q', '-b', 'feature');
      writeFileSync(join(other, 'b.py'), '2\n');
      commitAll(other, 'feature');
      git(other, 'checkout', '-q', 'main');
      writeFileSync(join(other, 'a.py'), '2\n');
      commitAll(other, 'main moves on');
      git(other, 'checkout', '-q', 'feature');
      assert.deepEqual([...(await changedSince(other, 'main')).changed], [join(other, 'b.py')]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses an unknown revision, naming fetch-depth', async () => {
    await assert.rejects(changedSince(dir, 'no-such-branch'), (e: CliError) => /unknown git revision 'no-such-branch'/.test(e.message) && /fetch-depth: 0/.test(e.details.join(' ')));
    await assert.rejects(changedSince(dir, '--output=x'), /needs a git revision/);
  });

  it('refuses a directory outside any git repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'ba-nogit-'));
    try {
      await assert.rejects(changedSince(plain, 'HEAD'), /needs a git repository/);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('parses name-status records with one and two paths', () => {
    assert.deepEqual(parseNameStatus('M\0a b.py\0R100\0old.py\0new.py\0D\0x\0'), [
      { status: 'M', paths: ['a b.py'] },
      { status: 'R', paths: ['old.py', 'new.py'] },
      { status: 'D', paths: ['x'] },
    ]);
  });
});
