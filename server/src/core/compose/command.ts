import { get, isMap, items, str, type DataNode } from '../documents/tree';

/** The entrypoint and command of a compose service, as one text (list forms joined with spaces). */
export function commandText(node: DataNode | undefined): string {
  if (!isMap(node)) return '';
  return [get(node, 'entrypoint'), get(node, 'command')].map((n) => (n?.kind === 'seq' ? items(n).map((i) => str(i) ?? '').join(' ') : (str(n) ?? ''))).join('\n');
}
