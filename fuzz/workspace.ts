// The workspace the fuzzer edits: a copy of examples/shop plus Kubernetes manifests with a kustomization.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const MANIFESTS: Record<string, string> = {
  'k8s/base/orders.yaml': [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: orders', 'spec:', '  replicas: 1', '  selector:', '    matchLabels: {app: orders}',
    '  template:', '    metadata:', '      labels: {app: orders}', '    spec:', '      containers:', '        - name: orders', '          image: shop/orders:latest',
    '          env:', '            - name: DATABASE_URL', '              value: postgres://db:5432/orders', '          ports:', '            - containerPort: 8000',
    '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: orders', 'spec:', '  selector: {app: orders}', '  ports:', '    - port: 80', '      targetPort: 8000', '',
  ].join('\n'),
  'k8s/base/kustomization.yaml': ['resources:', '  - orders.yaml', ''].join('\n'),
  'k8s/prod/kustomization.yaml': ['resources:', '  - ../base', 'namePrefix: prod-', 'replicas:', '  - name: orders', '    count: 3', ''].join('\n'),
};

export interface FuzzWorkspace {
  dir: string;
  /** Files the fuzzer opens and edits, relative to dir, with their language ids. */
  files: { path: string; languageId: string }[];
}

const LANGUAGE: Record<string, string> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json', '.py': 'python', '.ts': 'typescript', '.js': 'javascript', '.go': 'go', '.java': 'java' };

export function makeWorkspace(example: string): FuzzWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'ba-fuzz-'));
  cpSync(example, dir, { recursive: true });
  for (const [p, text] of Object.entries(MANIFESTS)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const files: FuzzWorkspace['files'] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const ext = /\.\w+$/.exec(n)?.[0] ?? '';
        if (LANGUAGE[ext]) files.push({ path: relative(dir, p), languageId: LANGUAGE[ext] });
      }
    }
  };
  walk(dir);
  return { dir, files };
}
