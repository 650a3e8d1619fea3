// Path confinement, secrets file names and redaction used by the chat tools.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeRoots, resolveInWorkspace } from '../../server/src/chat/paths';
import { redact } from '../../server/src/chat/redact';
import { isSecretsFile } from '../../server/src/chat/secretFiles';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'ba-paths-')));
after(() => rmSync(base, { recursive: true, force: true }));
for (const [p, t] of Object.entries({ 'a/src/x.ts': 'x', 'b/y.ts': 'y', 'out/z.txt': 'z' })) {
  mkdirSync(join(base, p, '..'), { recursive: true });
  writeFileSync(join(base, p), t);
}
symlinkSync(join(base, 'out/z.txt'), join(base, 'a/z-link'));
symlinkSync(join(base, 'a/src/x.ts'), join(base, 'a/x-link'));

describe('resolveInWorkspace', () => {
  test('resolves relative paths, ./ paths, absolute paths inside, and folder-name prefixes in a multi-root workspace', async () => {
    const roots = await makeRoots([join(base, 'a'), join(base, 'b')]);
    for (const [req, rel] of [['src/x.ts', 'src/x.ts'], ['./src/x.ts', 'src/x.ts'], [join(base, 'a/src/x.ts'), 'src/x.ts'], ['b/y.ts', 'y.ts'], ['y.ts', 'y.ts'], ['x-link', 'src/x.ts']]) {
      const r = await resolveInWorkspace(roots, req);
      assert.ok(r.ok, `${req}: ${!r.ok && r.reason}`);
      assert.equal(r.rel, rel, req);
    }
  });

  test('refuses .., absolute paths outside, symbolic links out, and reports missing files', async () => {
    const roots = await makeRoots([join(base, 'a')]);
    const cases: [string, RegExp][] = [['../out/z.txt', /'\.\.'/], ['src/../../out/z.txt', /'\.\.'/], ['..\\out\\z.txt', /'\.\.'/], [join(base, 'out/z.txt'), /outside the workspace folders/], ['/etc/passwd', /outside/], ['z-link', /symbolic link/], ['nope.ts', /not found/], ['', /empty/]];
    for (const [req, reason] of cases) {
      const r = await resolveInWorkspace(roots, req);
      assert.ok(!r.ok, req);
      assert.match(r.reason, reason, req);
    }
  });
});

describe('isSecretsFile', () => {
  const secret = ['.env', '.env.local', '.env.production', 'config/prod.env', 'certs/server.key', 'tls.crt', 'ca.pem', 'keystore.jks', 'id_rsa', 'id_ed25519.pub', '.npmrc', 'credentials.json', '.aws/credentials', 'home/.ssh/config', 'service-account-prod.json', 'terraform.tfvars', '.git-credentials'];
  const plain = ['README.md', 'src/env.ts', 'docker-compose.yml', 'environment.md', 'keys.ts', 'openapi.yaml', 'monkey.py'];
  for (const p of secret) test(`treats ${p} as a secrets file`, () => assert.equal(isSecretsFile(p), true));
  for (const p of plain) test(`treats ${p} as an ordinary file`, () => assert.equal(isSecretsFile(p), false));
});

describe('redact', () => {
  const cases: [string, string][] = [
    ['password: "s3cr3t-value"', 'password: "[REDACTED password]"'],
    ['API_KEY=Zq8vR2mX7pL4tK9wB3nH5cYd', 'API_KEY=[REDACTED API key or token]'],
    ['postgres://orders:hunter2pass@db/orders', 'postgres://orders:[REDACTED password in a connection string]@db/orders'],
    ['token sk-ant-api03-abcdefghijklmnop', 'token [REDACTED Anthropic API key]'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', '[REDACTED private key]'],
  ];
  // The detector itself is tested with hardcoded-secret; these check that the chat uses it and counts what it hid.
  for (const [input, output] of cases) test(`hides the value in ${input.split('\n')[0]}`, () => assert.deepEqual(redact(input), { text: output, count: 1 }));
  test('hides every line of a private key block', () => {
    const r = redact('key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\nhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\nnext: 1');
    assert.equal(r.text, 'key:\n[REDACTED private key]\nnext: 1');
  });
  test('does not read a YAML key at the end of a line and the next line as an assignment', () => {
    const spec = 'properties:\n  password:\n    type: string\n    minLength: 12\n';
    assert.deepEqual(redact(spec), { text: spec, count: 0 });
  });
  test('leaves placeholders and environment references alone', () => {
    for (const s of ['password: ${DB_PASSWORD}', 'token = os.environ["TOKEN"]', 'timeout: 5000']) assert.equal(redact(s).text, s);
  });
});
