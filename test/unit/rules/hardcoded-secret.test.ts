import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCases, type CodeCase } from '../code/table';
import { findingsOf, lines } from './helpers';

const RULE = 'hardcoded-secret';
// Made-up values in the shapes of real secrets; none of them works anywhere.
const KEY = 'pay_sk_4f8e2a9c71b35d06e4a8f21c9b7d3e5a';
const GH = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

const compose = (...env: string[]) => lines('services:', '  db:', '    image: postgres:16', '    environment:', ...env.map((e) => `      ${e}`));

const composeCases: CodeCase[] = [
  { name: 'reports a literal password in a compose environment map and refers to the environment instead', text: compose('POSTGRES_PASSWORD: shop-dev-2024'), expect: [{ at: 'shop-dev-2024', message: 'db: POSTGRES_PASSWORD holds a hardcoded password', fixed: 'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}' }] },
  { name: 'reports a password inside a connection string at the password', text: compose('DATABASE_URL: "postgres://shop:s3cret-pw@db:5432/shop"'), expect: [{ at: 's3cret-pw', message: 'password in a connection string', fixed: 'DATABASE_URL: "${DATABASE_URL}"' }] },
  { name: 'reports the list form KEY=value', text: compose('- API_TOKEN=f3a9c2e81b7d4c6e9a0b5d2f7e1c8a4b'), expect: [{ at: 'f3a9c2e81b7d4c6e9a0b5d2f7e1c8a4b', message: 'API_TOKEN holds a hardcoded API key or token', fixed: '- API_TOKEN=${API_TOKEN}' }] },
  { name: 'does not report environment references, placeholders or ordinary settings', text: compose('POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}', 'POSTGRES_PASSWORD_FILE: /run/secrets/pg', 'API_KEY: changeme', 'DATABASE_URL: postgres://shop:${DB_PASSWORD}@db/shop', 'POSTGRES_USER: shop', 'LOG_LEVEL: debug'), expect: [] },
];

const codeCases: [string, CodeCase[]][] = [
  ['app.py', [
    { name: 'reports a Python constant holding an API key and reads it from os.environ', text: lines('import requests', `PAYMENTS_API_KEY = "${KEY}"`), expect: [{ at: `"${KEY}"`, message: 'PAYMENTS_API_KEY holds a hardcoded API key or token', fixed: 'PAYMENTS_API_KEY = os.environ["PAYMENTS_API_KEY"]' }] },
    { name: 'reports a password passed as a keyword argument', text: lines('import os', 'connect(host="db", password="Tr0ub4dor&3")'), expect: [{ at: '"Tr0ub4dor&3"', message: 'password holds a hardcoded password', fixed: 'password=os.environ["PASSWORD"]' }] },
    { name: 'does not report environment lookups, defaults of lookups or placeholders', text: lines('import os', 'API_KEY = os.environ["API_KEY"]', 'TOKEN = os.getenv("TOKEN", "dev-token-123456789")', 'PASSWORD = "changeme"', 'password_field = "password"'), expect: [] },
  ]],
  ['server.ts', [
    { name: 'reports a known token format wherever it is written', text: lines(`headers.set("Authorization", "token ${GH}");`), expect: [{ at: `"token ${GH}"`, message: 'This string holds a hardcoded GitHub token' }] },
    { name: 'reports a TypeScript object property holding a client secret and reads it from process.env', text: lines('const cfg = { clientSecret: "x9!Kq2#pL7@mN4$rT8zW" };'), expect: [{ at: '"x9!Kq2#pL7@mN4$rT8zW"', message: 'clientSecret holds a hardcoded API key or token', fixed: 'clientSecret: process.env.CLIENT_SECRET' }] },
    { name: 'does not report protocol constants, error codes that name the secret, or documented example keys', text: lines('export const GRANT_TYPE_JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";', 'const INVALID_USERNAME_OR_PASSWORD = "invalidUserNameOrPassword";', 'const awsKey = "AKIAIOSFODNN7EXAMPLE";'), expect: [] },
    { name: 'does not report process.env reads or messages about passwords', text: lines('const key = process.env.API_KEY ?? "";', 'const passwordPrompt = "Enter your password";', 'const tokenHeader = "X-Api-Token";'), expect: [] },
  ]],
  ['main.go', [
    { name: 'reports a Go constant holding an API key, without a fix (os.Getenv is not a constant)', text: lines('package main', '', 'const providerAPIKey = "prov_sk_9fK2xQ7mLp3ZtR8vWc4Nb6HdYe1A"'), expect: [{ at: '"prov_sk_9fK2xQ7mLp3ZtR8vWc4Nb6HdYe1A"', message: 'providerAPIKey holds a hardcoded API key or token' }] },
    { name: 'reports a Go variable holding a password and reads it with os.Getenv', text: lines('package main', '', 'import (', '\t"fmt"', ')', '', 'var dbPassword = "Tr0ub4dor&3"'), expect: [{ at: '"Tr0ub4dor&3"', message: 'dbPassword holds a hardcoded password', fixed: 'var dbPassword = os.Getenv("DB_PASSWORD")' }] },
  ]],
  ['Client.java', [
    { name: 'gives a connection string to a datastore on localhost as a hint (a developer\'s default), without the environment fix', text: lines('class C {', '  static final String DB_URL = "jdbc:postgresql://postgres:postgres@localhost:5432/app";', '}'), expect: [{ at: '"jdbc:postgresql://postgres:postgres@localhost:5432/app"', message: 'a password for a datastore on localhost', severity: 'hint' }] },
    { name: 'gives a connection string whose password is its user name (a stock default) a hint', text: lines('class C {', '  static final String DB_URL = "jdbc:postgresql://postgres:postgres@postgres_db:5432/app";', '}'), expect: [{ at: '"jdbc:postgresql://postgres:postgres@postgres_db:5432/app"', message: 'whose password is its user name', severity: 'hint' }] },
    { name: 'reports a Java field holding a connection string with a password', text: lines('class C {', '  static final String DB_URL = "jdbc:postgresql://shop:Tr0ub4dor@db/shop";', '}'), expect: [{ at: '"jdbc:postgresql://shop:Tr0ub4dor@db/shop"', message: 'password in a connection string', fixed: 'System.getenv("DB_URL")' }] },
  ]],
];

describe('hardcoded-secret in compose files', () => runCases(RULE, 'docker-compose.yml', composeCases));
codeCases.push(['test/login.test.ts', [
  { name: 'reports only real token formats in test files, not fixture passwords or sample JWTs', text: lines('login({ password: "peanuts" });', 'parse("https://anonymous:flabada@example.org/");', `const t = "${GH}";`), expect: [{ at: `"${GH}"`, message: 'GitHub token' }] },
  { name: 'takes a private key in a test for a fixture (a test certificate or signing key)', text: lines(`const key = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow${'QkFDS0VORA'.repeat(12)}\\n-----END RSA PRIVATE KEY-----";`), expect: [] },
]]);
codeCases.push(['src/server-dev.ts', [
  { name: "gives a secret seeded in a development entry point (server-dev.ts) as a hint: the local instance's", text: lines("start({ initApiTokens: [{ secret: '*:*.964a287e1b728cb5f4f3e0120df92cb5' }] });"), expect: [{ at: "'*:*.964a287e1b728cb5f4f3e0120df92cb5'", message: 'in a development entry point', severity: 'hint' }] },
]]);
codeCases.push(['app/licensing.ts', [
  { name: 'reports a private key in service code', text: lines(`export const PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow${'QkFDS0VORA'.repeat(12)}\\n-----END RSA PRIVATE KEY-----";`), expect: [{ at: `"-----BEGIN RSA PRIVATE KEY-----\\nMIIEow${'QkFDS0VORA'.repeat(12)}\\n-----END RSA PRIVATE KEY-----"`, message: 'private key' }] },
]]);
codeCases.push(['public/js/login.js', [
  { name: 'reports only real token formats in browser code (a demo login shown to visitors is no secret), without the environment fix', text: lines("const demo = { login: 'trainer@example.org', password: '123456' };", 'const adminPassword = "Tr0ub4dor&3";', `const token = "${GH}";`), expect: [{ at: `"${GH}"`, message: 'token holds a hardcoded GitHub token' }] },
]]);
codeCases.push(['app/auth/ldap_provider.py', [
  { name: 'takes an upper-case constant in a password field for a marker (users who log in elsewhere), and a real-looking one for a password', text: lines('def user_from_ldap(name):', '    return User(name=name, password="LDAP", auth_method=AuthMethod.LDAP)', 'def admin():', '    return User(name="admin", password="Sup3r-Adm1n")'), expect: [{ at: '"Sup3r-Adm1n"', message: 'password holds a hardcoded password' }] },
]]);
codeCases.push(['scripts/create_admin.py', [
  { name: 'still reports a password in a script a person runs (out of the outbound-call rules, not of this one)', text: lines('#!/usr/bin/env python3', 'import psycopg', 'connect(host="db", password="Tr0ub4dor&3")', 'if __name__ == "__main__":', '    main()'), expect: [{ at: '"Tr0ub4dor&3"', message: 'password holds a hardcoded password' }] },
]]);
for (const [file, cases] of codeCases) describe(`hardcoded-secret in ${file}`, () => runCases(RULE, file, cases));

describe('hardcoded-secret: one secret value of a service is one finding', () => {
  it('reports a value two keys of a service hold once, at the first key, naming and relating the other', async () => {
    const found = await findingsOf(RULE, 'docker-compose.yml', compose('READER_PASSWORD: rootpw-2024', 'READER_USERNAME: root', 'CDC_PASSWORD: rootpw-2024'));
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.match(found[0].message, /^db: READER_PASSWORD holds a hardcoded password \(the same value is in CDC_PASSWORD\)/);
    assert.equal(found[0].range.start.line, 4);
    assert.deepEqual(found[0].related?.map((r) => [r.range.start.line, r.message]), [[6, 'CDC_PASSWORD holds the same value']]);
  });

  it('reports different values of a service each once, and the same value in two services once, naming the other service', async () => {
    const two = lines('services:', '  a:', '    image: acme/a:1', '    environment:', '      A_PASSWORD: rootpw-2024', '      B_PASSWORD: other-pw-2024', '  b:', '    image: acme/b:1', '    environment:', '      - A_PASSWORD=rootpw-2024');
    const found = await findingsOf(RULE, 'docker-compose.yml', two);
    assert.deepEqual(found.map((f) => f.message.split(':')[0] + ':' + f.message.split(':')[1].split(' holds')[0]), ['a: A_PASSWORD', 'a: B_PASSWORD']);
    assert.match(found[0].message, /\(the same value is in A_PASSWORD of b\)/);
    assert.deepEqual(found[0].related?.map((r) => r.message), ['A_PASSWORD of b holds the same value']);
  });

  it('leaves the password of a search engine whose security the file turns off alone (it checks none), and reports it with security on', async () => {
    const file = (setting: string) => lines('services:', '  search:', '    image: opensearchproject/opensearch:2.18.0', '    environment:', `      - ${setting}`, '      - OPENSEARCH_INITIAL_ADMIN_PASSWORD=P4zzW)rd>>123_', '  kibana:', '    image: docker.elastic.co/kibana/kibana:8.15.0', '    environment:', '      - ELASTICSEARCH_PASSWORD=Kb4n4-s3cret-2024', '  api:', '    image: acme/api:1.0.0', '    environment:', '      - API_PASSWORD=Tr0ub4dor-2024');
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', file('plugins.security.disabled=true'))).map((f) => f.message.split(' holds')[0]), ['api: API_PASSWORD']);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', file('xpack.security.enabled=false'))).map((f) => f.message.split(' holds')[0]), ['api: API_PASSWORD']);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', file('plugins.security.disabled=false'))).map((f) => f.message.split(' holds')[0]), ['search: OPENSEARCH_INITIAL_ADMIN_PASSWORD', 'kibana: ELASTICSEARCH_PASSWORD', 'api: API_PASSWORD']);
  });

  it("leaves a vendor's stock password alone in a development setup (postgres, admin_password), and reports it in a deployment", async () => {
    const file = (command: string) => lines('services:', '  api:', '    build: ./api', `    command: ${command}`, '    environment:', '      DB_PASSWORD: postgres', '      KC_ADMIN_PASSWORD: admin_password');
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', file('nodemon server.js')), []);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', file('node server.js'))).map((f) => f.message.split(' holds')[0]), ['api: DB_PASSWORD']);
    // The same inside a connection string; a password that names itself is no secret anywhere.
    const urls = (command: string) => lines('services:', '  api:', '    build: ./api', `    command: ${command}`, '    environment:', '      DATABASE_URL: postgresql://postgres:postgres@db:5432/app', '      AUDIT_URL: postgresql://audit:postgres_password@db:5432/audit');
    assert.deepEqual(await findingsOf(RULE, 'docker-compose.yml', urls('nodemon server.js')), []);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', urls('node server.js'))).map((f) => f.message.split(' holds')[0]), ['api: DATABASE_URL']);
  });

  it('makes a password of a development setup a hint for local containers, and keeps a known token format a warning there', async () => {
    const dev = lines('services:', '  api:', '    build: ./api', '    command: nodemon server.js', '    environment:', '      DB_PASSWORD: devpass-2024', '      STRIPE_KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dc');
    const found = await findingsOf(RULE, 'docker-compose.yml', dev);
    assert.deepEqual(found.map((f) => [f.message.split(' holds')[0], f.severity]), [['api: DB_PASSWORD', 'hint'], ['api: STRIPE_KEY', 'warning']]);
    assert.match(found[0].message, /a development setup's credential for local containers/);
    const shipped = await findingsOf(RULE, 'docker-compose.yml', dev.replace('    command: nodemon server.js\n', ''));
    assert.deepEqual(shipped.map((f) => f.severity), ['warning', 'warning']);
  });

  it('reports only known token formats in a compose file that runs tests (docker-compose.test.yml, services named for tests)', async () => {
    const file = lines('services:', '  api:', '    build: ./api', '    environment:', '      DB_PASSWORD: Kx9-test-pass-2024', '      STRIPE_KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dc');
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.test.yml', file)).map((f) => f.message.split(' holds')[0]), ['api: STRIPE_KEY']);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', file.replace('  api:', '  api-e2e:'))).map((f) => f.message.split(' holds')[0]), ['api-e2e: STRIPE_KEY']);
    assert.equal((await findingsOf(RULE, 'docker-compose.yml', file)).length, 2);
  });

  it("makes a cloud-format key given to a local emulator of that cloud (MinIO's root user) a hint in a development setup, and a warning elsewhere", async () => {
    const minio = (image: string) => lines('services:', '  api:', '    build: ./api', '    command: nodemon server.js', '  s3:', `    image: ${image}`, '    environment:', '      MINIO_ROOT_USER: AKIABUVWH1HUD7YQZQAR');
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', minio('minio/minio:RELEASE.2024-06-13T22-53-53Z'))).map((f) => f.severity), ['hint']);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', minio('acme/uploader:1.2.0'))).map((f) => f.severity), ['warning']);
    assert.deepEqual((await findingsOf(RULE, 'docker-compose.yml', minio('minio/minio:RELEASE.2024-06-13T22-53-53Z').replace('    command: nodemon server.js\n', ''))).map((f) => f.severity), ['warning']);
  });
});

describe('hardcoded-secret: documentation examples', () => {
  it('leaves alone a password in a pydantic or OpenAPI example, and reports the same password assigned outside one', async () => {
    const schema = lines('class User(BaseModel):', '    model_config = {', '        "json_schema_extra": {', '            "examples": [{"email": "a@b.c", "password": "S3cr3t-passw0rd-2024"}]', '        }', '    }', 'def f(password: str = Body(example="S3cr3t-passw0rd-2024")): ...');
    assert.deepEqual(await findingsOf(RULE, 'schemas.py', schema), []);
    const real = await findingsOf(RULE, 'settings.py', lines('CONFIG = {"password": "S3cr3t-passw0rd-2024"}'));
    assert.deepEqual(real.map((f) => f.message.split(':')[0]), ['password holds a hardcoded password']);
  });
  it('leaves alone a JSON Web Token in a schema\'s examples or one whose exp has passed, and reports a live one assigned in code', async () => {
    const jwt = (payload: object) => 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' + Buffer.from(JSON.stringify(payload)).toString('base64url') + '.uBQcXzuvXxfw-9WgzWMBfE_nR3VOgpvfZe032sfLSSk';
    const live = jwt({ role: 'service', iat: 1700000000, exp: 4102444800 });
    const schema = lines('export const schema = {', '  properties: {', '    token: {', "      type: 'string',", `      examples: ['${live}'],`, '    },', '  },', '};');
    assert.deepEqual(await findingsOf(RULE, 'src/routes/signed.ts', schema), []);
    const expired = jwt({ url: 'bucket/cat.png', iat: 1617726273, exp: 1617727273 });
    assert.deepEqual(await findingsOf(RULE, 'src/client.ts', `export const token = '${expired}';\n`), []);
    assert.equal((await findingsOf(RULE, 'src/client.ts', `export const token = '${live}';\n`)).length, 1);
  });
  it('leaves alone the password of a throwaway database a function named for tests starts (GetDBConfigForTesting), and reports it in another function', async () => {
    const go = (fn: string) => lines('package dbcore', '', `func ${fn}() DBConfig {`, '\tdbPassword := "Chr0ma-Pg-2024x"', '\treturn DBConfig{Password: dbPassword}', '}');
    assert.deepEqual(await findingsOf(RULE, 'go/pkg/dbcore/core.go', go('GetDBConfigForTesting')), []);
    assert.equal((await findingsOf(RULE, 'go/pkg/dbcore/core.go', go('GetDBConfig'))).length, 1);
  });
  it('leaves alone the words of a translation table (locales/de: password is Heslo), and reports the same value outside one', async () => {
    const table = lines('const account = {', "  password: 'Heslo4Ucet',", "  secret_key: 'Tajny-Klic-9x'", '};', 'export default account;');
    assert.deepEqual(await findingsOf(RULE, 'packages/phrases/src/locales/cs/translation/account.ts', table), []);
    assert.deepEqual(await findingsOf(RULE, 'packages/app/i18n/cs.ts', table), []);
    assert.equal((await findingsOf(RULE, 'packages/app/src/account.ts', table)).length, 1);
  });
  it("leaves alone a token in a variable of sample payloads (a vendor's webhook bodies kept as samples), and reports it in a client's settings", async () => {
    const samples = lines('export const samples: SampleRecord[] = [', '  {', '    name: "url_verification",', '    body: {', '      token: "Jhj5dZrVaK7ZwHHjRyZWjbDl",', '      type: "url_verification",', '    },', '  },', '];');
    assert.deepEqual(await findingsOf(RULE, 'src/handAuthored/slack.ts', samples), []);
    const settings = lines('export const slackClient = {', '  body: {', '    token: "Jhj5dZrVaK7ZwHHjRyZWjbDl",', '  },', '};');
    assert.equal((await findingsOf(RULE, 'src/slack.ts', settings)).length, 1);
  });
});

describe('hardcoded-secret: seed rows of a database init script', () => {
  it("leaves alone the passwords of the application's users a MongoDB init script inserts, and reports a database account it creates", async () => {
    const seed = lines("db = db.getSiblingDB('users');", 'db.users.insertMany([', "    {name: 'stan', password: 'bigbrain', email: 'stan@example.com'},", "    {name: 'partner-57', password: 'worktogether', email: 'howdy@example.com'}", ']);');
    assert.deepEqual(await findingsOf(RULE, 'mongo/users.js', seed), []);
    const account = lines("db = db.getSiblingDB('admin');", "db.createUser({user: 'catalogue', pwd: 'c4t4l0gue-Pa55', roles: ['readWrite']});", 'db.users.insertOne({name: "x"});');
    assert.equal((await findingsOf(RULE, 'mongo/accounts.js', account)).length, 1);
    const service = lines("const { MongoClient } = require('mongodb');", "db.users.insertOne({name: 'admin', password: 'adm1n-Pa55-2024'});");
    assert.equal((await findingsOf(RULE, 'src/bootstrap.js', service)).length, 1, 'a service that inserts an account with a fixed password is not a seed script');
  });
});

describe('hardcoded-secret messages', () => {
  it('never include the secret itself', async () => {
    const found = await findingsOf(RULE, 'app.py', lines(`API_KEY = "${KEY}"`, `T = "${GH}"`));
    assert.equal(found.length, 2);
    for (const f of found) assert.ok(!f.message.includes(KEY) && !f.message.includes(GH) && !f.fix?.title.includes(KEY));
  });
});
