import { basename } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { OffsetEdit, Report, RuleContext } from '../rules/types';
import { isExample, isPlaceholder, knownSecret, looksLikeSecret, nameWords, urlPasswords } from '../secrets/index';
import { isBackendCode, isHandRunScriptFile, isTestFile, nodesOf, stringValue } from './common';
import { SAMPLE_DATA_NAME } from './sampleData';

const STRING_TYPES: Record<string, string[]> = {
  python: ['string'],
  typescript: ['string', 'template_string'],
  javascript: ['string', 'template_string'],
  go: ['interpreted_string_literal', 'raw_string_literal'],
  java: ['string_literal'],
};

/** The name a string literal is assigned to (variable, constant, attribute, keyword argument, object/dict key, struct field). */
function assignedName(lit: Node): { name?: string; constant?: boolean } {
  let p = lit.parent;
  let child: Node = lit;
  if (p?.type === 'expression_list') [child, p] = [p, p.parent];
  if (!p) return {};
  const last = (n: Node | null | undefined) => n?.text.split('.').pop()?.replace(/^["'`]|["'`]$/g, '');
  switch (p.type) {
    case 'assignment':
    case 'assignment_expression':
    case 'assignment_statement':
    case 'short_var_declaration':
      return p.childForFieldName('right')?.equals(child) ? { name: last(p.childForFieldName('left')?.namedChildren.length && p.type !== 'assignment' && p.type !== 'assignment_expression' ? p.childForFieldName('left')!.namedChildren[0] : p.childForFieldName('left')) } : {};
    case 'variable_declarator':
      return p.childForFieldName('value')?.equals(child) ? { name: p.childForFieldName('name')?.text } : {};
    case 'var_spec':
    case 'const_spec':
      return { name: p.childForFieldName('name')?.text ?? p.namedChildren[0]?.text, constant: p.type === 'const_spec' };
    case 'keyword_argument':
      return { name: p.childForFieldName('name')?.text };
    case 'pair':
      return p.childForFieldName('value')?.equals(child) ? { name: last(p.childForFieldName('key')) } : {};
    case 'literal_element': {
      const keyed = p.parent;
      return keyed?.type === 'keyed_element' && keyed.namedChildren[1]?.equals(p) ? { name: keyed.namedChildren[0]?.text } : {};
    }
  }
  return {};
}

/** Keys and keyword arguments whose values document an API by example (OpenAPI / JSON Schema, pydantic, FastAPI). */
const EXAMPLE_KEY = /^["'`]?(examples?|json_schema_extra|openapi_examples)["'`]?$/;


/**
 * A literal inside an `example`/`examples` value, a few levels up at most, or in the value of a variable of sample
 * data (`export const samples: SampleRecord[] = [{ body: { token: ... } }]`): a documentation sample, not a credential.
 */
/** A MongoDB shell script (a database's init script: `db.getSiblingDB(...)`, `db.users.insertMany(...)`, no imports). */
const MONGO_SHELL = /^\s*db\s*=\s*db\.getSiblingDB\(|^\s*db\.\w+\.insert(?:Many|One)?\(/m;
const IMPORTS = /^\s*(import\s|(const|let|var)\s[^=]+=\s*require\()/m;

/** Whether a file is a MongoDB shell script (tested once per file: the literals of a file are many). */
const isMongoShellScript = (text: string) => MONGO_SHELL.test(text) && !IMPORTS.test(text);

/** A literal inside the rows a database init script inserts (`db.users.insertMany([{password: 'bigbrain'}])`): seed data. */
function inSeedRows(lit: Node): boolean {
  for (let n = lit.parent; n; n = n.parent) {
    if (n.type === 'call_expression' && /^db\.\w+\.insert(Many|One)?$/.test(n.childForFieldName('function')?.text ?? '')) return true;
  }
  return false;
}

function inDocumentationExample(lit: Node): boolean {
  let n: Node | null = lit;
  for (let depth = 0; n && depth < 14; depth++, n = n.parent) {
    const p: Node | null = n.parent;
    if (!p) return false;
    const key = p.type === 'pair' ? p.childForFieldName('key') : p.type === 'keyword_argument' ? p.childForFieldName('name') : undefined;
    if (depth < 8 && key && p.childForFieldName('value')?.equals(n) && EXAMPLE_KEY.test(key.text)) return true;
    const declared: Node | null | undefined = p.type === 'variable_declarator' ? p.childForFieldName('name') : p.type === 'assignment' ? p.childForFieldName('left') : undefined;
    if (declared && !declared.equals(n) && SAMPLE_DATA_NAME.test(declared.text)) return true;
  }
  return false;
}

/** An environment-variable name for a code name: `dbPassword` -> DB_PASSWORD. */
const envName = (name: string) => nameWords(name).join('_').toUpperCase();

function envLookup(ctx: RuleContext, name: string, constant: boolean): { text: string; imports: OffsetEdit[] } | undefined {
  const env = envName(name);
  const text = ctx.source.text;
  const eol = ctx.source.lines.eol;
  switch (ctx.source.kind) {
    case 'python':
      return { text: `os.environ["${env}"]`, imports: /^import os\b|^import .*\bos\b/m.test(text) ? [] : [{ start: 0, end: 0, newText: `import os${eol}` }] };
    case 'typescript':
    case 'javascript':
      return { text: `process.env.${env}`, imports: [] };
    case 'java':
      return { text: `System.getenv("${env}")`, imports: [] };
    case 'go': {
      if (constant) return undefined; // os.Getenv is not a constant expression
      if (/"os"/.test(text)) return { text: `os.Getenv("${env}")`, imports: [] };
      const list = nodesOf(ctx, 'import_spec_list')[0]?.children.find((c) => c?.type === '(');
      if (!list) return undefined;
      return { text: `os.Getenv("${env}")`, imports: [{ start: list.endIndex, end: list.endIndex, newText: `${eol}\t"os"` }] };
    }
  }
  return undefined;
}

/** A URL whose host is the machine it runs on (`postgres://postgres:postgres@localhost:5432/app`). */
/** A file named for a developer's machine: `server-dev.ts`, `dev-server.js`, `app.local.py`, `settings_dev.py`. */
const DEV_ENTRY = /^(?:[\w]+[-_.])?(?:dev|development|local)(?:[-_.][\w]+)?\.[cm]?[jt]sx?$|^[\w]+[-_.](?:dev|development|local)\.(py|go|java)$|^(?:dev|local)[-_.][\w]+\.(py|go|java)$/i;

/** `scheme://name:name@host`: the password is the user name. */
const STOCK_PAIR = /^(?:[a-z][\w+.-]*:)+\/\/([^:@/\s]+):\1@/i;

const LOCAL_DSN = /@(localhost|127\.0\.0\.1|\[::1\]|host\.docker\.internal)(:\d+)?(\/|\?|$)/i;

/** A function named for tests (`GetDBConfigForTesting`, `newTestServer`, `setupForTest`): its literals are fixtures. */
const TEST_FUNCTION = /ForTest(?:ing|s)?$|^(?:new|setup|make|start)?Test[A-Z_]|^test_/;
const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'function_definition', 'method_definition']);

function inTestFunction(lit: Node): boolean {
  for (let n: Node | null = lit.parent; n; n = n.parent) {
    if (FUNCTION_TYPES.has(n.type)) return TEST_FUNCTION.test(n.childForFieldName('name')?.text ?? '');
  }
  return false;
}

/** A folder of translations: its files map message keys to each language's words. */
const TRANSLATION_FOLDER = /[\\/](?:locales?|i18n|l10n|translations?|langs?|languages)[\\/]/i;
const isTranslation = (path: string) => TRANSLATION_FOLDER.test(path);

/** String literals of code that hold a secret: known token formats anywhere, secret-like names assigned a literal secret. */
export function codeSecrets(ctx: RuleContext): Report[] {
  const types = STRING_TYPES[ctx.source.kind];
  if (!types) return [];
  const out: Report[] = [];
  // Tests, browser and phone code, load tests: only real token formats count (a test's password, or the demo login
  // a front end shows its visitors, is no production secret; and reading the environment is advice for servers).
  // Translation tables (`locales/de/...`: `password: 'Heslo'`) hold the screens' words: labels, whatever the key.
  const test = isTestFile(ctx) || isTranslation(ctx.source.path) || (!isBackendCode(ctx) && !isHandRunScriptFile(ctx));
  const seedScript = isMongoShellScript(ctx.source.text);
  for (const lit of nodesOf(ctx, types)) {
    const value = stringValue(lit);
    if (value === undefined || value.length < 4) continue;
    const known = knownSecret(value) ?? urlPasswords(value)[0];
    // A token shown in a schema's or a model's examples (`examples: ['eyJ...']`) documents the field's shape.
    if (known && (isExample(value) || (known.kind === 'JSON Web Token' && inDocumentationExample(lit)))) continue;
    // Test fixtures: only real token formats count (a test's password or sample JWT is not a production secret).
    // A private key in a test is a fixture too: test certificates and signing keys (their public half beside them).
    const fixtureKind = !known || known.kind === 'JSON Web Token' || known.kind === 'password in a connection string' || (known.kind === 'private key' && isTestFile(ctx));
    if (test && fixtureKind) continue;
    if (!known && (/\s/.test(value) || isPlaceholder(value))) continue; // cheap: no secret-like name can make these a secret
    // An upper-case constant in code is a marker (`"password": "LDAP"` for users who log in elsewhere), not a password.
    if (!known && /^[A-Z][A-Z_]{1,15}$/.test(value)) continue;
    const { name, constant } = assignedName(lit);
    if (!known && (inDocumentationExample(lit) || (seedScript && inSeedRows(lit)))) continue;
    const kind = known?.kind ?? (name ? looksLikeSecret(name, value) : undefined);
    if (!kind) continue;
    // Read only for a literal about to be reported: the walk up to its function is not paid for every string.
    if (fixtureKind && inTestFunction(lit)) continue;
    // A connection string to the developer's own machine: a local default, not a credential of a deployment.
    if (kind === 'password in a connection string' && LOCAL_DSN.test(value)) {
      out.push({ message: `${name ? `${name} holds` : 'This string holds'} a password for a datastore on localhost: a developer's default, not a deployment's credential; make the setting required where the service is deployed, so that a missing value stops it at start`, at: { start: lit.startIndex, end: lit.endIndex }, severity: 'hint' });
      continue;
    }
    // The user name as the password (`postgres:postgres@db`): a vendor's stock default that anyone guesses, not a secret.
    if (kind === 'password in a connection string' && STOCK_PAIR.test(value)) {
      out.push({ message: `${name ? `${name} holds` : 'This string holds'} a connection string whose password is its user name: a stock default, not a deployment's credential; make the setting required where the service is deployed, so that a missing value stops it at start`, at: { start: lit.startIndex, end: lit.endIndex }, severity: 'hint' });
      continue;
    }
    // A developer's entry point (`server-dev.ts`, `app.local.py`): its seeded secrets are the local instance's.
    if (DEV_ENTRY.test(basename(ctx.source.path)) && !knownSecret(value)) {
      out.push({ message: `${name ? `${name} holds` : 'This string holds'} a ${kind} in a development entry point: the local instance's, not a deployment's; keep it out of the code a release runs`, at: { start: lit.startIndex, end: lit.endIndex }, severity: 'hint' });
      continue;
    }
    const fix = name && !test ? envLookup(ctx, name, !!constant) : undefined;
    const what = name ? `${name} holds a hardcoded ${kind}` : `This string holds a hardcoded ${kind}`;
    out.push({
      message: `${what}: anyone who can read the code can use it, and rotating it means a release; read it from the environment or a secret store`,
      at: { start: lit.startIndex, end: lit.endIndex },
      ...(fix ? { fix: { title: `Read ${envName(name!)} from the environment`, edits: [{ start: lit.startIndex, end: lit.endIndex, newText: fix.text }, ...fix.imports] } } : {}),
    });
  }
  return out;
}
