// A small workspace in memory under /w (compose file, service code, specs), analyzed file by file as the CLI does.
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';

export const COMPOSE = 'services:\n  orders:\n    build: ./orders\n  db:\n    image: postgres:16\n';

export const SPEC = `openapi: 3.0.3
info:
  title: Orders
  version: '1'
security:
  - bearer: []
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: OK
    post:
      security: []
      responses:
        '201':
          description: Created
  /orders/{id}:
    get:
      responses:
        '200':
          description: OK
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
`;

export const APP = `const express = require('express');
const app = express();
const requireAuth = require('./auth');
app.get('/orders', requireAuth, (req, res) => res.json([]));
app.post('/orders', (req, res) => res.json({}));
app.get('/orders/:id', requireAuth, (req, res) => res.json({}));
app.get('/health', (req, res) => res.send('ok'));
app.listen(3000);
`;

/** The findings of `rule` in every file, with `files` over the default workspace (compose, spec, app). */
export async function consistencyFindings(rule: string, files: Record<string, string | undefined>, configFile = {}): Promise<Finding[]> {
  const all: Record<string, string> = {};
  for (const [p, t] of Object.entries({ '/w/compose.yaml': COMPOSE, '/w/orders/openapi.yaml': SPEC, '/w/orders/app.js': APP, '/w/orders/package.json': '{}', ...files })) if (t !== undefined) all[p] = t;
  const workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs(all), listFiles: async () => Object.keys(all).sort() });
  workspace.model.fileChanged('/w/compose.yaml');
  const config = new EffectiveConfig(DEFAULT_SETTINGS, configFile);
  const out: Finding[] = [];
  for (const path of Object.keys(all).sort()) {
    const kind = classify(path, all[path]);
    if (!kind || kind === 'compose') continue;
    const result = await analyzeSource({ source: makeSource(path, all[path], kind), config, workspace });
    out.push(...result.findings.filter((f) => f.ruleId === rule));
  }
  return out;
}

/** `path:line text` of each finding, the text being what its range covers on that line. */
export function where(findings: Finding[], files: Record<string, string>): string[] {
  return findings.map((f) => {
    const text = files[f.path] ?? '';
    const line = text.split('\n')[f.range.start.line];
    return `${f.path.replace('/w/', '')}:${f.range.start.line + 1} ${line.slice(f.range.start.character, f.range.end.line === f.range.start.line ? f.range.end.character : undefined)}`;
  });
}
