import { isDatastoreTool } from '../compose/images';
import { entries, get, isMap, items, str, type DataNode } from '../documents/tree';
import { checkedServices, inDevelopmentSetup } from './composeModel';
import { list } from './observability/entry';
import type { Report, Rule } from './types';
import { kubernetesStateful } from './kubernetes/stateful';

/** Container paths that hold data rather than code or configuration. */
const DATA_PATH = /^\/(data|var\/lib|var\/data|srv|storage|uploads?|media|files|var\/www\/[\w-]*\/?(uploads|storage|media)|app\/(data|uploads?|storage|media|files|db)|home\/[\w-]+\/data)(\/|$)|\/(data|uploads?|storage|media|avatars|attachments|sessions|db)(\/|$)/i;

interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
  type: 'volume' | 'bind' | 'tmpfs' | 'other';
}

function mountOf(v: DataNode): Mount | undefined {
  if (isMap(v)) {
    const type = str(get(v, 'type')) ?? 'volume';
    return { source: str(get(v, 'source')) ?? '', target: str(get(v, 'target')) ?? '', readOnly: get(v, 'read_only')?.kind === 'scalar' && str(get(v, 'read_only')) === 'true', type: type === 'volume' || type === 'bind' || type === 'tmpfs' ? type : 'other' };
  }
  const text = str(v);
  if (!text) return undefined;
  const parts = text.split(':');
  if (parts.length === 1) return { source: '', target: parts[0], readOnly: false, type: 'volume' }; // anonymous volume
  const [source, target, mode = ''] = parts;
  const bind = /^[./~$]/.test(source);
  return { source, target, readOnly: /(^|,)ro(,|$)/.test(mode), type: bind ? 'bind' : 'volume' };
}

export const statefulService: Rule = {
  id: 'stateful-service',
  kinds: ['compose', 'kubernetes'],
  defaultSeverity: 'information',
  title: 'An application service keeps data in a volume or bind mount',
  description:
    'A service that writes its data to a local volume cannot run as two replicas or move to another host: make it stateless and keep the data in a database or object storage the replicas share.',
  check(ctx) {
    if (ctx.source.kind === 'kubernetes') return kubernetesStateful(ctx);
    // On a developer's machine one replica runs, and its volumes hold the developer's own data.
    if (inDevelopmentSetup(ctx)) return [];
    // Services that share one mount entry (a YAML anchor merged into each) are one finding, naming them all.
    const byEntry = new Map<number, { names: string[]; what: string; target: string; at: DataNode }>();
    const named = new Set(entries(get(ctx.data, 'volumes')).map((e) => e.key.text));
    for (const s of checkedServices(ctx)) {
      if (s.kind || !get(s.node, 'build') || isDatastoreTool(s.image)) continue;
      for (const v of items(get(s.node, 'volumes'))) {
        const m = mountOf(v);
        if (!m || m.readOnly || m.type === 'tmpfs' || m.type === 'other' || /docker\.sock|^\/tmp(\/|$)/.test(`${m.source} ${m.target}`)) continue;
        const data = DATA_PATH.test(m.target);
        const isNamed = m.type === 'volume' && (named.has(m.source) || m.source === '');
        // Build and dependency caches (node_modules, target/, .m2, a dev server's .vite or .next, a volume named
        // *cache*) and log folders are not the service's data: losing them loses no state.
        if (/node_modules|\.venv|vendor|cache|\/target$|\/build$|\.m2|\.gradle|\/\.(vite|next|nuxt|parcel-cache|turbo|angular)$/i.test(`${m.source} ${m.target}`)) continue;
        if (/(^|\/)(logs?|var\/log(\/[\w.-]+)?)$/i.test(m.target)) continue;
        if (!data && !isNamed) continue;
        const what = m.type === 'bind' ? `bind mount ${m.source}` : m.source ? `volume '${m.source}'` : 'an anonymous volume';
        const same = byEntry.get(v.start);
        if (same) same.names.push(s.name);
        else byEntry.set(v.start, { names: [s.name], what, target: m.target, at: v });
      }
    }
    return [...byEntry.values()].map(({ names, what, target, at }): Report => {
      const who = names.length === 1 ? `'${names[0]}' writes` : `${list(names.map((n) => `'${n}'`))} write`;
      return {
        message: `${who} data to ${what} at ${target}: ${names.length === 1 ? 'it' : 'they'} cannot be scaled to more replicas or moved to another host; keep that data in a database or object storage instead`,
        at,
      };
    });
  },
};
