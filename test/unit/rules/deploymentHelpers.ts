// For the rules that check code against its deployment: every file of an in-memory workspace under /w is
// analyzed, deployment files (compose, manifests) first as the CLI does, and one rule's findings are returned.
import { DEFAULT_SETTINGS } from '../../../server/src/core/config/schema';
import { EffectiveConfig } from '../../../server/src/core/config/effective';
import { classify } from '../../../server/src/core/documents/classify';
import { makeSource } from '../../../server/src/core/documents/source';
import { analyzeSource } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/findings';
import { memoryFs, WorkspaceIndex } from '../../../server/src/core/workspace/index';

const isDeployment = (kind: string | undefined) => kind === 'compose' || kind === 'kubernetes';

export async function findingsOfWorkspace(ruleId: string, files: Record<string, string>): Promise<Finding[]> {
  const workspace = new WorkspaceIndex({ root: '/w', fs: memoryFs(files) });
  const config = new EffectiveConfig(DEFAULT_SETTINGS);
  const kinds = new Map(Object.keys(files).map((p) => [p, classify(p, files[p])]));
  const paths = [...kinds.keys()].filter((p) => kinds.get(p)).sort((a, b) => Number(isDeployment(kinds.get(b))) - Number(isDeployment(kinds.get(a))) || (a < b ? -1 : 1));
  for (const p of paths) if (isDeployment(kinds.get(p))) workspace.model.setSource(kinds.get(p) as 'compose' | 'kubernetes', p, files[p]);
  const out: Finding[] = [];
  for (const p of paths) {
    const result = await analyzeSource({ source: makeSource(p, files[p], kinds.get(p)!), config, workspace });
    out.push(...result.findings.filter((f) => f.ruleId === ruleId));
  }
  return out;
}

/** A Kubernetes Deployment with one container, its env entries given as YAML lines, and a Service on `port`. */
export function deployment(name: string, image: string, env: string[], port = 8080): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: ${image}`,
    ...(env.length ? ['          env:', ...env.map((l) => `            ${l}`)] : []),
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  selector: {app: ${name}}`,
    `  ports: [{port: ${port}}]`,
    '',
  ].join('\n');
}
