// Generated multi-service workspaces for the routes-against-spec bench: each service an Express app whose routers
// are mounted from their own files, with an OpenAPI spec beside it that describes its routes.
const RESOURCES = ['items', 'orders', 'users', 'carts', 'payments', 'invoices', 'shipments', 'reviews'];

function router(resource: string): string {
  return [
    "const express = require('express');",
    "const { requireAuth } = require('../auth');",
    'const router = express.Router();',
    `router.get('/', requireAuth, (req, res) => res.json([]));`,
    `router.post('/', requireAuth, (req, res) => res.status(201).json(req.body));`,
    `router.get('/:id', requireAuth, (req, res) => res.json({ id: req.params.id }));`,
    `router.delete('/:id', requireAuth, (req, res) => res.status(204).end());`,
    'module.exports = router;',
    '',
  ].join('\n');
}

function app(resources: string[]): string {
  return [
    "const express = require('express');",
    'const app = express();',
    ...resources.map((r) => `app.use('/${r}', require('./routes/${r}'));`),
    "app.get('/health', (req, res) => res.send('ok'));",
    'app.listen(process.env.PORT || 8080);',
    '',
  ].join('\n');
}

function spec(service: string, resources: string[]): string {
  const out = ['openapi: 3.0.3', 'info:', `  title: ${service}`, "  version: '1'", 'security:', '  - bearer: []', 'paths:'];
  for (const r of resources) {
    out.push(`  /${r}:`, '    get:', `      operationId: list_${r}`, '      responses:', "        '200':", '          description: OK');
    out.push('    post:', `      operationId: create_${r}`, '      responses:', "        '201':", '          description: Created');
    out.push(`  /${r}/{id}:`, '    get:', `      operationId: get_${r}`, '      parameters:', '        - { name: id, in: path, required: true, schema: { type: string } }', '      responses:', "        '200':", '          description: OK');
    out.push('    delete:', `      operationId: delete_${r}`, '      parameters:', '        - { name: id, in: path, required: true, schema: { type: string } }', '      responses:', "        '204':", '          description: Deleted');
  }
  out.push('components:', '  securitySchemes:', '    bearer: { type: http, scheme: bearer }', '');
  return out.join('\n');
}

/**
 * `services` Express services under svc-N/, each with `resources` routers, an app, a spec, helpers to reach about
 * `filesPerService` files, and one compose file building them all.
 */
export function multiServiceRepo(services: number, resources: number, filesPerService: number): Record<string, string> {
  const files: Record<string, string> = {};
  const compose = ['services:'];
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    const res = RESOURCES.slice(0, resources);
    compose.push(`  ${name}:`, `    build: ./${name}`);
    files[`${name}/package.json`] = JSON.stringify({ name, dependencies: { express: '^4' } });
    files[`${name}/app.js`] = app(res);
    files[`${name}/auth.js`] = 'exports.requireAuth = (req, res, next) => (req.headers.authorization ? next() : res.status(401).end());\n';
    files[`${name}/openapi.yaml`] = spec(name, res);
    for (const r of res) files[`${name}/routes/${r}.js`] = router(r);
    const base = Object.keys(files).filter((f) => f.startsWith(name + '/')).length;
    for (let k = base; k < filesPerService; k++) files[`${name}/lib/util${k}.js`] = `exports.f${k} = (x) => x * ${k};\nexports.g${k} = (s) => String(s).trim();\n`;
  }
  files['docker-compose.yml'] = compose.join('\n') + '\n';
  return files;
}
