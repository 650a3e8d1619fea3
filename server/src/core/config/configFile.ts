import { parseYaml } from '../documents/yaml';
import { toPlain, type DataNode, at } from '../documents/tree';
import { ConfigFileSchema, type ConfigFile } from './schema';

export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
}

export interface ConfigFileResult {
  config: ConfigFile;
  problems: ConfigProblem[];
}

/** Parses and validates `.backend-architect.yaml`; problems point at the offending node. Unknown rule ids are reported. */
export function parseConfigFile(text: string, knownRules: ReadonlySet<string>): ConfigFileResult {
  const doc = parseYaml(text);
  if (doc.problems.length) return { config: {}, problems: doc.problems };
  if (!doc.root || (doc.root.kind === 'scalar' && doc.root.value === null)) return { config: {}, problems: [] };
  const r = ConfigFileSchema.safeParse(toPlain(doc.root));
  if (!r.success) {
    const problems = r.error.issues.flatMap((iss) => {
      const node = nodeAt(doc.root, iss.path) ?? doc.root!;
      const where = iss.path.length ? `${iss.path.join('.')}: ` : '';
      if (iss.code === 'unrecognized_keys') {
        // One problem per unknown key, on the key itself rather than on the whole mapping.
        return iss.keys.map((k) => {
          const key = findKey(node, k) ?? node;
          return { message: `Invalid .backend-architect.yaml: ${where}Unrecognized key: "${k}"`, start: key.start, end: key.end };
        });
      }
      return [{ message: `Invalid ${'.backend-architect.yaml'}: ${where}${iss.message}`, start: node.start, end: node.end }];
    });
    return { config: {}, problems };
  }
  const problems: ConfigProblem[] = [];
  for (const id of Object.keys(r.data.rules ?? {})) {
    if (knownRules.has(id) || id === '*') continue;
    const node = at(doc.root, 'rules', id);
    const keyNode = (doc.root.kind === 'map' && findKey(at(doc.root, 'rules'), id)) || node || doc.root;
    problems.push({ message: `Unknown rule id '${id}'`, start: keyNode.start, end: keyNode.end });
  }
  problems.push(...specConflicts(doc.root, r.data));
  return { config: r.data, problems };
}

const specKey = (p: string) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');

/** A spec given to two services: a spec belongs to one service, so the second mention is a problem. */
function specConflicts(root: DataNode, config: ConfigFile): ConfigProblem[] {
  const owner = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const [service, s] of Object.entries(config.services ?? {})) {
    const specs = typeof s.spec === 'string' ? [s.spec] : (s.spec ?? []);
    specs.forEach((spec, i) => {
      const first = owner.get(specKey(spec));
      if (first === undefined || first === service) return void owner.set(specKey(spec), service);
      const node = at(root, 'services', service, 'spec', ...(typeof s.spec === 'string' ? [] : [i])) ?? root;
      problems.push({ message: `Invalid .backend-architect.yaml: services.${service}.spec: ${spec} is already the spec of service ${first}; a spec belongs to one service`, start: node.start, end: node.end });
    });
  }
  return problems;
}

function findKey(map: DataNode | undefined, key: string): DataNode | undefined {
  return map?.kind === 'map' ? map.entries.find((e) => e.key.text === key)?.key : undefined;
}

function nodeAt(root: DataNode | undefined, path: PropertyKey[]): DataNode | undefined {
  let cur = root;
  let last = root;
  for (const step of path) {
    if (typeof step === 'number') cur = cur?.kind === 'seq' ? cur.items[step] : undefined;
    else cur = cur?.kind === 'map' ? cur.entries.find((e) => e.key.text === String(step))?.value : undefined;
    if (!cur) return last;
    last = cur;
  }
  return cur;
}
