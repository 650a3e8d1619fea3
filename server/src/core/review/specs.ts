/** The few facts of an OpenAPI spec the review and the chat brief repeat: title, version, operations, security, servers. */
import { entries, get, items, str, type DataNode } from '../documents/tree';
import { operations } from '../rules/openapi';
import type { SpecSummary } from './types';

export function summarizeSpec(path: string, root: DataNode): SpecSummary {
  const schemes = get(get(root, 'components'), 'securitySchemes') ?? get(root, 'securityDefinitions');
  return {
    path,
    title: str(get(get(root, 'info'), 'title')),
    version: str(get(get(root, 'info'), 'version')),
    operations: operations(root).length,
    securitySchemes: entries(schemes).map((e) => e.key.text),
    servers: items(get(root, 'servers')).map((s) => str(get(s, 'url')) ?? '').filter(Boolean),
  };
}
