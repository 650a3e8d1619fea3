import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { parseYaml } from '../../../server/src/core/documents/yaml';
import { toPlain } from '../../../server/src/core/documents/tree';
import { systemFindings } from './serviceHelpers';
import { findingsOf, lines } from './helpers';
import { body, components, ok, param, ref, ruleCases, spec, type V } from '../openapi/build';

const newOrder = { type: 'object', properties: { note: { type: 'string' }, items: { type: 'array', items: { type: 'string', maxLength: 9 } }, qty: { type: 'integer' }, sku: { type: 'string', pattern: '^[A-Z]+$' } } };
const post = (v: V, schema: object) => ({ post: { ...body(v, schema as never), responses: ok } });

describe('unbounded-input', () => {
  ruleCases('unbounded-input', [
    {
      name: 'reports a shared request schema once, listing its unbounded properties, with a fix',
      doc: (v) => spec(v, { ...components(v, { schemas: { NewOrder: newOrder } }), paths: { '/v1/a': post(v, ref(v, 'schemas', 'NewOrder')), '/v1/b': post(v, ref(v, 'schemas', 'NewOrder')) } }),
      expect: [{ message: "Schema 'NewOrder' accepts unbounded input (used by 2 operations): note (string, no maxLength), items (array, no maxItems), qty (integer, no maximum)", at: 'NewOrder', fix: true }],
    },
    {
      name: 'leaves the body of an operation that answers 413 to its size cap, and still reports its parameters',
      doc: (v) =>
        spec(v, {
          paths: {
            '/v1/track': { parameters: [param(v, 'n', 'query', { type: 'integer' })], post: { ...body(v, { type: 'object', properties: { event: { type: 'string' } } }), responses: { ...ok, '413': { description: 'Request body too large' } } } },
            '/v1/login': post(v, { type: 'object', properties: { email: { type: 'string' } } }),
          },
        }),
      expect: [
        { message: 'POST /v1/track: parameters accepts unbounded input: n (integer, no maximum)', at: 'n', fix: true },
        { message: 'POST /v1/login: request body accepts unbounded input: email (string, no maxLength)', at: 'schema', fix: true },
      ],
    },
    {
      name: 'reports an inline request body at its schema key',
      doc: (v) => spec(v, { paths: { '/v1/login': post(v, { type: 'object', properties: { email: { type: 'string' }, password: { type: 'string', maxLength: 128 } } }) } }),
      expect: [{ message: 'POST /v1/login: request body accepts unbounded input: email (string, no maxLength)', at: 'schema', fix: true }],
    },
    {
      name: 'reports unbounded query parameters of an operation in one finding',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [param(v, 'q', 'query', { type: 'string' }), param(v, 'n', 'query', { type: 'integer' }), param(v, 'id', 'path', { type: 'string' })], responses: ok } } } }),
      expect: [{ message: 'GET /v1/o: parameters accepts unbounded input: q (string, no maxLength), n (integer, no maximum)', at: 'q', fix: true }],
    },
    {
      name: 'leaves numbers that size no work alone (offset, page, a lower bound, an id, a threshold) and reports the limit beside them',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: ['offset', 'page', 'min_score', 'customer_id', 'orderId', 'minPrice', 'order', 'sort_direction', 'limit'].map((n) => param(v, n, 'query', { type: 'integer' })), responses: ok } } } }),
      expect: [{ message: 'GET /v1/o: parameters accepts unbounded input: limit (integer, no maximum)', at: 'limit', fix: true }],
    },
    {
      name: 'leaves string identifiers and cursors alone (id, ticket_id, orderId, uuid, start_key, page_token) and reports the free text beside them',
      doc: (v) => spec(v, { paths: { '/v1/o': post(v, { type: 'object', properties: Object.fromEntries(['id', 'ticket_id', 'orderId', 'uuid', 'cursor', 'start_key', 'page_token', 'note'].map((n) => [n, { type: 'string' }])) }) } }),
      expect: [{ message: 'POST /v1/o: request body accepts unbounded input: note (string, no maxLength)', at: 'schema', fix: true }],
    },
    {
      name: 'leaves parameters alone that their description calls an id or a page state, credentials and the Cookie header, and reports the search text beside them',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [
        { ...param(v, 'delby', 'query', { type: 'string' }), description: 'id of the user that performs the deletion' },
        { ...param(v, 'ps', 'query', v === '3.1' ? { type: ['string', 'null'] } : { type: 'string' }), description: 'page state' },
        param(v, 'access_token', 'query', { type: 'string' }),
        param(v, 'Cookie', 'header', { type: 'string' }),
        { ...param(v, 'q', 'query', { type: 'string' }), description: 'search text, matched against the key of each row' },
      ], responses: ok } } } }),
      expect: [{ message: 'GET /v1/o: parameters accepts unbounded input: q (string, no maxLength)', at: 'q', fix: true }],
    },
    {
      name: 'leaves names that look a resource up on reads and deletes alone (namespace, functionName), and reports a name a create stores',
      doc: (v) => spec(v, { paths: { '/v1/functions': {
        get: { parameters: [param(v, 'namespace', 'query', { type: 'string' }), param(v, 'functionName', 'query', { type: 'string' })], responses: ok },
        delete: { parameters: [param(v, 'function_name', 'query', { type: 'string' })], responses: ok },
        post: { parameters: [param(v, 'name', 'query', { type: 'string' })], responses: ok },
      } } }),
      expect: [{ message: 'POST /v1/functions: parameters accepts unbounded input: name (string, no maxLength)', at: 'name', fix: true }],
    },
    {
      name: 'leaves money values alone (amount, a unit price, an order total, a balance) and reports the quantity beside them',
      doc: (v) => spec(v, { paths: { '/v1/o': post(v, { type: 'object', properties: Object.fromEntries(['amount', 'unitPrice', 'order_total', 'balance', 'quantity'].map((n) => [n, { type: 'number' }])) }) } }),
      expect: [{ message: 'POST /v1/o: request body accepts unbounded input: quantity (number, no maximum)', at: 'schema', fix: true }],
    },
    {
      name: 'reports the same unbounded inline parameters of several operations once, with a fix for all of them',
      doc: (v) => spec(v, { paths: { '/v1/a': { get: { parameters: [param(v, 'q', 'query', { type: 'string' })], responses: ok } }, '/v1/b': { get: { parameters: [param(v, 'q', 'query', { type: 'string' })], responses: ok } } } }),
      expect: [{ message: 'GET /v1/a and 1 other operation: parameters accepts unbounded input: q (string, no maxLength)', at: 'q', fix: true }],
    },
    {
      name: 'reports a nested schema reached through properties and items as its own finding',
      doc: (v) => spec(v, { ...components(v, { schemas: { Order: { type: 'object', properties: { lines: { type: 'array', maxItems: 5, items: ref(v, 'schemas', 'Line') } } }, Line: { type: 'object', properties: { sku: { type: 'string' } } } } }), paths: { '/v1/o': post(v, ref(v, 'schemas', 'Order')) } }),
      expect: [{ message: "Schema 'Line' accepts unbounded input (used by POST /v1/o): sku (string, no maxLength)", at: 'Line', fix: true }],
    },
    {
      name: 'ends on a self-referencing schema and reports it once',
      doc: (v) => spec(v, { ...components(v, { schemas: { Node: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', maxItems: 3, items: ref(v, 'schemas', 'Node') } } } } }), paths: { '/v1/o': post(v, ref(v, 'schemas', 'Node')) } }),
      expect: [{ message: "Schema 'Node' accepts unbounded input (used by POST /v1/o): name (string, no maxLength)", at: 'Node', fix: true }],
    },
    {
      name: 'ends on mutually referencing schemas',
      doc: (v) => spec(v, { ...components(v, { schemas: { A: { type: 'object', properties: { b: ref(v, 'schemas', 'B') } }, B: { type: 'object', properties: { a: ref(v, 'schemas', 'A'), n: { type: 'number' } } } } }), paths: { '/v1/o': post(v, ref(v, 'schemas', 'A')) } }),
      expect: [{ message: "Schema 'B' accepts unbounded input (used by POST /v1/o): n (number, no maximum)", at: 'B', fix: true }],
    },
    {
      name: 'reads 3.1 type arrays',
      versions: ['3.1'],
      doc: (v) => spec(v, { paths: { '/v1/o': post(v, { type: 'object', properties: { note: { type: ['string', 'null'] } } }) } }),
      expect: [{ message: 'note (string, no maxLength)' }],
    },
    { name: 'finds nothing when strings have maxLength, enum or format, arrays maxItems and numbers maximum', doc: (v) => spec(v, { paths: { '/v1/o': post(v, { type: 'object', properties: { a: { type: 'string', maxLength: 3 }, b: { type: 'string', enum: ['x'] }, c: { type: 'string', format: 'uuid' }, d: { type: 'array', maxItems: 2, items: { type: 'boolean' } }, e: { type: 'integer', maximum: 9 } } }) } }), expect: [] },
    {
      name: 'finds nothing for an array of distinct enum values, an api-version parameter or a standard header',
      doc: (v) => spec(v, { paths: { '/v1/o': { get: { parameters: [param(v, '$select', 'query', { type: 'array', uniqueItems: true, items: { type: 'string', enum: ['a', 'b'] } }), param(v, 'api-version', 'query', { type: 'string' }), param(v, 'Content-Type', 'header', { type: 'string' })], responses: ok } } } }),
      expect: [],
    },
    { name: 'finds nothing in response-only schemas', doc: (v) => spec(v, { ...components(v, { schemas: { Out: newOrder } }), paths: { '/v1/o': { get: { responses: { '200': { description: 'ok', ...(v === '2.0' ? { schema: ref(v, 'schemas', 'Out') } : { content: { 'application/json': { schema: ref(v, 'schemas', 'Out') } } }) } } } } } }), expect: [] },
  ], 'warning');
});

describe('unbounded-input on a generated spec', () => {
  const SPEC = ['openapi: 3.0.3', 'info:', '  title: Flags', "  version: '1'", 'paths:', '  /api/v1/features/:', '    get:', '      parameters:', '        - name: q', '          in: query', '          schema:', '            type: string', '        - name: page_size', '          in: query', '          schema:', '            type: integer', '      responses:', "        '200':", '          description: ok', '    post:', '      requestBody:', '        content:', '          application/json:', '            schema:', '              type: object', '              properties:', '                name:', '                  type: string', '      responses:', "        '201':", '          description: created', ''].join('\n');
  const YAML_TO_JSON = () => toPlain(parseYaml(SPEC).root);
  const findings = async (files: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), 'ba-gen-'));
    const abs = Object.fromEntries(Object.entries(files).map(([p, t]) => [join(root, p), t]));
    for (const [p, t] of Object.entries(abs)) {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, t);
    }
    return systemFindings(['unbounded-input'], abs, {}, root);
  };

  it('reports the missing bounds of a spec a build script generates (drf-spectacular in a Makefile) once, as information', async () => {
    const makefile = ['generate-openapi:', '\tuv run python manage.py spectacular | \\', '\t  npx openapi-format /dev/fd/0 \\', '\t    --output ../openapi.yaml', ''].join('\n');
    const found = await findings({ 'openapi.yaml': SPEC, 'api/Makefile': makefile });
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.equal(found[0].severity, 'information');
    assert.match(found[0].message, /^This spec is generated, and 3 request inputs in 2 schemas or parameter lists carry no upper bound \(GET \/api\/v1\/features\/ parameters: q, page_size; POST \/api\/v1\/features\/ request body: name\)/);
  });

  it("reads go-swagger's `generate spec` and a conversion of its output, each command continued over several Makefile lines, as generation", async () => {
    const makefile = ['sdk:', '\tswagger generate spec -m -o spec/swagger.json \\', '\t\t-c github.com/acme/shop \\', '\t\t-c github.com/acme/x/healthx', '\tswagger validate ./spec/swagger.json', '\tory dev openapi migrate \\', '\t\t--health-path-tags metadata \\', '\t\t-p file://.schema/patches/meta.yaml \\', '\t\t-p file://.schema/patches/schema.yaml \\', '\t\t-p file://.schema/patches/common.yaml \\', '\t\tspec/swagger.json spec/api.yaml', ''].join('\n');
    const generated = (spec: string, script: string) => findings({ [spec]: SPEC, Makefile: script }).then((f) => f.map((x) => x.severity));
    assert.deepEqual(await generated('spec/swagger.yaml', makefile.replace('spec/swagger.json', 'spec/swagger.yaml')), ['information']);
    assert.deepEqual(await generated('spec/api.yaml', makefile), ['information']);
    // Without the continuation lines the conversion's output is named far from its command: not taken as generated.
    const flat = makefile.replace(/ \\\n/g, '\n');
    assert.deepEqual(await generated('spec/api.yaml', flat), ['warning', 'warning']);
  });

  it('reads a spec that a script beside it builds from the code (swagger-jsdoc, NestJS SwaggerModule) as generated, and not one a script only reads', async () => {
    const jsdoc = ["import swaggerJsdoc from 'swagger-jsdoc';", "const out = path.resolve(__dirname, '../openapi.yaml');", 'fs.writeFileSync(out, JSON.stringify(swaggerJsdoc(options)));', ''].join('\n');
    assert.deepEqual((await findings({ 'api/openapi.yaml': SPEC, 'api/scripts/generate-api-docs.ts': jsdoc })).map((f) => f.severity), ['information']);
    const nest = ["const document = SwaggerModule.createDocument(app, config);", "writeFileSync('openapi.yaml', dump(document));", ''].join('\n');
    assert.deepEqual((await findings({ 'api/openapi.yaml': SPEC, 'api/tools/export-spec.ts': nest })).map((f) => f.severity), ['information']);
    const reader = ["const spec = readFileSync('../openapi.yaml', 'utf8');", 'validate(spec);', ''].join('\n');
    assert.deepEqual((await findings({ 'api/openapi.yaml': SPEC, 'api/scripts/check.ts': reader })).map((f) => f.severity), ['warning', 'warning']);
  });

  it("reads a spec fetched from the service running on this machine by a script (`curl localhost/openapi.json > ...`) as generated, and not one fetched from elsewhere", async () => {
    const fetch = (url: string) => ['#!/bin/bash', `curl ${url} > ./docs/openapi.json`, ''].join('\n');
    assert.deepEqual((await findings({ 'docs/openapi.json': JSON.stringify(YAML_TO_JSON()), 'scripts/update-docs.sh': fetch('http://localhost:8080/openapi.json') })).map((f) => f.severity), ['information']);
    assert.deepEqual((await findings({ 'docs/openapi.json': JSON.stringify(YAML_TO_JSON()), 'scripts/update-docs.sh': fetch('https://example.com/vendor/openapi.json') })).map((f) => f.severity), ['warning', 'warning']);
  });

  it("reads the marks generators leave in a spec (FastAPI's HTTPValidationError schema, springdoc's 'Generated server url', beego's controller-named operations, grpc-gateway's rpcStatus) as generation", async () => {
    const fastapi = SPEC + ['components:', '  schemas:', '    HTTPValidationError:', '      type: object', ''].join('\n');
    assert.deepEqual((await findings({ 'docs/openapi.yaml': fastapi })).map((f) => f.severity), ['information']);
    const springdoc = SPEC.replace('paths:', ['servers:', '  - url: http://localhost:8080', '    description: Generated server url', 'paths:'].join('\n'));
    assert.deepEqual((await findings({ 'docs/openapi.yaml': springdoc })).map((f) => f.severity), ['information']);
    const hand = SPEC.replace('paths:', ['servers:', '  - url: https://api.example.com', '    description: Production', 'paths:'].join('\n'));
    assert.deepEqual((await findings({ 'docs/openapi.yaml': hand })).map((f) => f.severity), ['warning', 'warning']);
    const grpc = SPEC + ['components:', '  schemas:', '    protobufAny:', '      type: object', '    rpcStatus:', '      type: object', ''].join('\n');
    assert.deepEqual((await findings({ 'docs/public/v2.yaml': grpc })).map((f) => f.severity), ['information']);
    const gnostic = SPEC + ['components:', '  schemas:', '    GoogleProtobufAny:', '      type: object', ''].join('\n');
    assert.deepEqual((await findings({ 'api/openapi.yaml': gnostic })).map((f) => f.severity), ['information']);
    assert.deepEqual((await findings({ 'api/openapi.yaml': `# Generated with protoc-gen-openapi\n# https://example.com/gnostic\n\n${SPEC}` })).map((f) => f.severity), ['information']);
    assert.deepEqual((await findings({ 'docs/openapi.yaml': `# The shop's API; see generated clients in sdk/\n${SPEC}` })).map((f) => f.severity), ['warning', 'warning']);
    const named = (get: string, post: string) => SPEC.replace('    get:\n', `    get:\n      operationId: ${get}\n`).replace('    post:\n', `    post:\n      operationId: ${post}\n`);
    assert.deepEqual((await findings({ 'swagger/swagger.yml': named('FeatureController.GetFeatures', 'FeatureController.AddFeature') })).map((f) => f.severity), ['information']);
    assert.deepEqual((await findings({ 'swagger/swagger.yml': named('getFeatures', 'FeatureController.AddFeature') })).map((f) => f.severity), ['warning', 'warning']);
  });

  it('reads a spec that a program of a code-first project writes by its path (`openapi.CreateAndWrite("docs/api/openapi.yml")`) as generated, and not without the library', async () => {
    const program = ['package cmd', '', 'func runGenerateOpenAPI(ctx context.Context) error {', '\tif err := openapi.CreateAndWrite("docs/api/openapi.yml"); err != nil {', '\t\treturn err', '\t}', '\treturn nil', '}', ''].join('\n');
    const gomod = (lib: string) => ['module example.com/shop', '', 'require (', `\t${lib} v0.2.50`, ')', ''].join('\n');
    assert.deepEqual((await findings({ 'docs/api/openapi.yml': SPEC, 'cmd/openapi.go': program, 'go.mod': gomod('github.com/swaggest/openapi-go') })).map((f) => f.severity), ['information']);
    assert.deepEqual((await findings({ 'docs/api/openapi.yml': SPEC, 'cmd/openapi.go': program, 'go.mod': gomod('github.com/spf13/cobra') })).map((f) => f.severity), ['warning', 'warning']);
  });

  it('reads a spec the repository marks linguist-generated in its .gitattributes as generated, and not another spec beside it', async () => {
    const attributes = 'docs/openapi/** linguist-generated=true\n';
    assert.equal((await findings({ 'docs/openapi/2026-04.openapi.yaml': SPEC, '.gitattributes': attributes })).length, 1);
    assert.equal((await findings({ 'api/openapi.yaml': SPEC, '.gitattributes': attributes })).length, 2);
  });

  it("reads a spec that a monorepo application's script writes from its code-first library (`node dist/doc.js > \"$ROOT/docs/api/openapi.yml\"`) as generated, and not without the library", async () => {
    const script = ['#!/bin/bash', 'cd "$APPS_WEB_DIR"', 'node dist/openapi-document.js > "$PROJECT_ROOT/docs/api-v2-reference/openapi.yml"', ''].join('\n');
    const pkg = (lib: string) => JSON.stringify({ scripts: { 'generate-api-specs': './scripts/openapi/generate.sh' }, dependencies: { [lib]: '5.0.0' } });
    assert.equal((await findings({ 'docs/api-v2-reference/openapi.yml': SPEC, 'apps/web/package.json': pkg('zod-openapi'), 'apps/web/scripts/openapi/generate.sh': script })).length, 1);
    assert.equal((await findings({ 'docs/api-v2-reference/openapi.yml': SPEC, 'apps/web/package.json': pkg('zod'), 'apps/web/scripts/openapi/generate.sh': script })).length, 2);
  });

  it('reads a spec that a program beside it builds from the code (swagger-autogen in swagger/init.js) as generated, and not one a program beside it only serves', async () => {
    const init = 'const swaggerAutogen = require("swagger-autogen")({ openapi: "3.0.0" });\nconst outputFile = path.resolve(__dirname, "./openapi.json");\nswaggerAutogen(outputFile, ["../endpoints/api/index.js"]);\n';
    assert.equal((await findings({ 'server/swagger/openapi.json': JSON.stringify(YAML_TO_JSON()), 'server/swagger/init.js': init })).length, 1);
    const serve = 'const spec = require("./openapi.json");\napp.use("/docs", swaggerUi.serve, swaggerUi.setup(spec));\n';
    assert.equal((await findings({ 'server/swagger/openapi.json': JSON.stringify(YAML_TO_JSON()), 'server/swagger/index.js': serve })).length, 2);
  });

  it("reads a spec that openapi-generator wrote into a client it generated (listed in the client's .openapi-generator/FILES) as generated, and not one it does not list", async () => {
    const files = 'README.md\napi/openapi.yaml\napi_jwk.go\nclient.go\n';
    assert.equal((await findings({ 'internal/httpclient/api/openapi.yaml': SPEC, 'internal/httpclient/.openapi-generator/FILES': files })).length, 1);
    assert.equal((await findings({ 'internal/httpclient/api/openapi.yaml': SPEC, 'internal/httpclient/.openapi-generator/FILES': 'README.md\nclient.go\n' })).length, 2);
  });

  it('reads a spec a script beside it copies or bundles from a build output folder as generated, and not one it feeds a generator', async () => {
    // api/spec/Makefile: `cp packages/legacy/output/openapi.Shop.yaml ../openapi.yaml` (TypeSpec output copied into place).
    const copy = ['generate:', '\tpnpm generate', '\tcp packages/legacy/output/openapi.Shop.yaml ../openapi.yaml', ''].join('\n');
    assert.equal((await findings({ 'api/openapi.yaml': SPEC, 'api/spec/Makefile': copy })).length, 1);
    const bundle = ['generate:', '\tnpx openapi bundle output/definitions/v3/openapi.Shop.yaml -o ../v3/openapi.yaml', ''].join('\n');
    assert.equal((await findings({ 'api/v3/openapi.yaml': SPEC, 'api/spec/Makefile': bundle })).length, 1);
    // The spec read first and build output written after it: the spec is the source (a client generator).
    const client = ['client:', '\topenapi-generator-cli generate -i ../openapi.yaml -o build/client.json', ''].join('\n');
    assert.equal((await findings({ 'api/openapi.yaml': SPEC, 'api/spec/Makefile': client })).length, 2);
  });

  it("reports the same spec in a generated/ folder once, and a hand-written one (a script that only lints it) per schema, as warnings", async () => {
    assert.equal((await findings({ 'web/public/generated/api/openapi.yml': SPEC })).length, 1);
    // A file named as a tool's output (a bundle of split sources, `openapi-generated.yaml`), and not a name that only starts so.
    assert.equal((await findings({ 'svc/api/openapi/openapi-generated.yaml': SPEC })).length, 1);
    assert.equal((await findings({ 'api/general.yaml': SPEC })).length, 2);
    // A bundler's output (`openapi.full.yaml`, `api.bundled.json`), and not a name that only holds the word.
    assert.equal((await findings({ 'www/specs/admin/openapi.full.yaml': SPEC })).length, 1);
    // A copy a docs tool keeps with the pages it publishes (GitBook's assets).
    assert.equal((await findings({ 'docs/.gitbook/assets/openapi (1).yaml': SPEC })).length, 1);
    assert.equal((await findings({ 'api/fullstack.yaml': SPEC })).length, 2);
    // protoc-gen-openapiv2's output is titled after its .proto file, wherever it lies.
    assert.equal((await findings({ 'api/shop/v1/shop.swagger.yaml': SPEC.replace('title: Flags', 'title: v1/shop.proto') })).length, 1);
    const lint = ['lint:', '\tnpx @redocly/cli lint openapi.yaml', ''].join('\n');
    const hand = await findings({ 'openapi.yaml': SPEC, 'Makefile': lint });
    assert.deepEqual(hand.map((f) => f.severity), ['warning', 'warning']);
  });
});

describe('unbounded-input on the text parameters of reads', () => {
  const q = (name: string, schema: string[]) => ['        - name: ' + name, '          in: query', '          schema:', ...schema.map((l) => '            ' + l)];
  const params = [...q('tag', ['type: string']), ...q('status', ['type: string']), ...q('ids', ['type: array', 'items:', '  type: string']), ...q('q', ['type: string']), ...q('limit', ['type: integer'])];
  const doc = (method: string) => lines('openapi: 3.0.3', 'info:', '  title: Things', "  version: '1'", 'paths:', '  /things:', `    ${method}:`, '      parameters:', ...params, '      responses:', "        '200':", '          description: ok');
  it('leaves the filters of a GET or DELETE to the request line (tags, statuses, ids), and reports its search text and its limit', async () => {
    for (const method of ['get', 'delete']) {
      const found = await findingsOf('unbounded-input', 'api.yaml', doc(method));
      assert.equal(found.length, 1);
      assert.match(found[0].message, /unbounded input: q \(string, no maxLength\), limit \(integer, no maximum\)$/);
    }
  });
  it('leaves a correlation header named as an identifier (X-Request-Id) alone, and reports another free header', async () => {
    const hdr = (name: string) => lines('openapi: 3.0.3', 'info:', '  title: Runs', "  version: '1'", 'paths:', '  /runs:', '    post:', '      parameters:', `        - name: ${name}`, '          in: header', '          schema:', '            type: string', '      responses:', "        '201':", '          description: ok');
    assert.deepEqual(await findingsOf('unbounded-input', 'api.yaml', hdr('X-Request-Id')), []);
    assert.equal((await findingsOf('unbounded-input', 'api.yaml', hdr('X-Comment'))).length, 1);
  });
  it('leaves a credential header alone whatever its spelling (x-api-key, api_key, apiKey), and reports a header that only contains key', async () => {
    const hdr = (name: string) => lines('openapi: 3.0.3', 'info:', '  title: Runs', "  version: '1'", 'paths:', '  /runs:', '    post:', '      parameters:', `        - name: ${name}`, '          in: header', '          schema:', '            type: string', '      responses:', "        '201':", '          description: ok');
    for (const name of ['x-api-key', 'X-API-Key', 'api_key', 'apiKey']) assert.deepEqual(await findingsOf('unbounded-input', 'api.yaml', hdr(name)), [], name);
    assert.equal((await findingsOf('unbounded-input', 'api.yaml', hdr('X-Sort-Keys'))).length, 1);
  });
  it('leaves an object query parameter of a GET (deepObject: page[after], filter[status]) of texts to the request line, and reports one holding a search text or a number', async () => {
    const obj = (props: string[]) => lines('openapi: 3.0.3', 'info:', '  title: Runs', "  version: '1'", 'paths:', '  /runs:', '    get:', '      parameters:', '        - name: page', '          in: query', '          style: deepObject', '          schema:', '            type: object', '            properties:', ...props.map((l) => '              ' + l), '      responses:', "        '200':", '          description: ok');
    assert.deepEqual(await findingsOf('unbounded-input', 'api.yaml', obj(['after:', '  type: string', 'before:', '  type: string', 'status:', '  type: array', '  items:', '    type: string'])), []);
    // A bounded page size beside the cursors, and filter objects joined with allOf, are request-line filters too.
    assert.deepEqual(await findingsOf('unbounded-input', 'api.yaml', obj(['after:', '  type: string', 'size:', '  type: integer', '  maximum: 100'])), []);
    const allOf = obj(['x:', '  type: string']).replace(/          schema:\n            type: object\n            properties:\n              x:\n                type: string\n/, '          schema:\n            allOf:\n              - type: object\n                properties:\n                  status:\n                    type: array\n                    items:\n                      type: string\n              - type: object\n                properties:\n                  env:\n                    type: string\n');
    assert.match(allOf, /allOf:/);
    assert.deepEqual(await findingsOf('unbounded-input', 'api.yaml', allOf), []);
    assert.match((await findingsOf('unbounded-input', 'api.yaml', obj(['after:', '  type: string', 'search:', '  type: string'])))[0].message, /search \(string, no maxLength\)/);
    assert.match((await findingsOf('unbounded-input', 'api.yaml', obj(['after:', '  type: string', 'size:', '  type: integer'])))[0].message, /size \(integer, no maximum\)/);
  });
  it('reports the same text parameters of a write, which may store them', async () => {
    const found = await findingsOf('unbounded-input', 'api.yaml', doc('post'));
    assert.match(found[0].message, /tag \(string, no maxLength\), status \(string, no maxLength\), ids/);
  });
});
