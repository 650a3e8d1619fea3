// Kubernetes workspaces in memory under /w: every manifest is known to the model first (as `lint` does), then
// one file is analyzed and its findings returned.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { memoryFs, WorkspaceIndex, type WorkspaceModel } from '../../../server/src/core/workspace/index';

export function workspaceOf(files: Record<string, string>): WorkspaceIndex {
  const workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs(files) });
  for (const [path, text] of Object.entries(files)) {
    const kind = classify(path, text);
    if (kind === 'kubernetes' || kind === 'compose') workspace.model.setSource(kind, path, text);
  }
  return workspace;
}

/** Findings of `ruleId` (every rule when undefined) on `path`, with the other files of the workspace around it. */
export async function findingsOn(path: string, files: Record<string, string>, ruleId?: string): Promise<Finding[]> {
  const kind = classify(path, files[path]);
  if (!kind) throw new Error(`${path} is not a file the analyzer reads`);
  const result = await analyzeSource({ source: makeSource(path, files[path], kind), config: new EffectiveConfig(DEFAULT_SETTINGS), workspace: workspaceOf(files) });
  return result.findings.filter((f) => !ruleId || f.ruleId === ruleId);
}

export function modelOf(files: Record<string, string>): Promise<WorkspaceModel> {
  return workspaceOf(files).model.model();
}

export const yaml = (...docs: string[][]) => docs.map((d) => d.join('\n')).join('\n---\n') + '\n';

export function deployment(name: string, opts: { image?: string; replicas?: number; env?: string[]; probes?: boolean; resources?: boolean; kind?: string; labels?: string; ports?: number[]; extra?: string[] } = {}): string[] {
  return [
    'apiVersion: apps/v1',
    `kind: ${opts.kind ?? 'Deployment'}`,
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...(opts.replicas !== undefined ? [`  replicas: ${opts.replicas}`] : []),
    '  selector:',
    `    matchLabels: {app: ${opts.labels ?? name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${opts.labels ?? name}}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: ${opts.image ?? `acme/${name}:1.0.0`}`,
    ...(opts.ports ?? [8080]).flatMap((p, i) => [...(i === 0 ? ['          ports:'] : []), `            - containerPort: ${p}`]),
    ...(opts.env?.length ? ['          env:', ...opts.env.map((e) => `            ${e}`)] : []),
    ...(opts.probes ? ['          readinessProbe:', '            httpGet: {path: /health, port: 8080}', '          livenessProbe:', '            httpGet: {path: /health, port: 8080}'] : []),
    ...(opts.resources ? ['          resources:', '            limits: {memory: 256Mi}', '            requests: {cpu: 100m, memory: 128Mi}'] : []),
    ...(opts.extra ?? []),
  ];
}

export function service(name: string, opts: { type?: string; selector?: string; port?: number } = {}): string[] {
  return ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', ...(opts.type ? [`  type: ${opts.type}`] : []), `  selector: {app: ${opts.selector ?? name}}`, `  ports: [{port: ${opts.port ?? 80}}]`];
}

/**
 * The findings on `path` of a workspace written to a temporary folder on disk (for rules that read sibling files
 * from disk, as the CLI and the language server do); every manifest is known to the model first.
 */
export async function findingsOnDisk(files: Record<string, string>, path: string): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), 'ba-k8s-disk-'));
  const abs = Object.fromEntries(Object.entries(files).map(([p, t]) => [join(root, p), t]));
  for (const [p, t] of Object.entries(abs)) {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, t);
  }
  const workspace = new WorkspaceIndex({ root, fs: memoryFs(abs) });
  for (const [p, t] of Object.entries(abs)) {
    const kind = classify(p, t);
    if (kind === 'kubernetes' || kind === 'compose') workspace.model.setSource(kind, p, t);
  }
  const file = join(root, path);
  const result = await analyzeSource({ source: makeSource(file, abs[file], classify(file, abs[file])!), config: new EffectiveConfig(DEFAULT_SETTINGS), workspace });
  return result.findings;
}
