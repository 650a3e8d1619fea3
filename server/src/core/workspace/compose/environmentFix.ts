/**
 * The quick fix of unset-environment-variable: the variable added to the compose service's `environment`, as a
 * required interpolation (`API_KEY: ${API_KEY:?...}`), so that compose stops with a clear message while the value
 * is missing instead of starting a container that crashes. Comments and indentation are kept; no edit is made
 * where one would not be safe (flow style, an environment shared through an alias, a file that does not parse).
 */
import type { SourceFile } from '../../documents/source';
import { entries, get, isMap, isScalar, isSeq, isReadable, type DataNode, type MapEntry, type MapNode, type SeqNode } from '../../documents/tree';
import { parseYaml } from '../../documents/yaml';
import { appendEntry, trimmedEnd } from '../../rules/edits';
import type { OffsetEdit, OffsetFix } from '../../rules/types';
import type { Location, ServiceNode } from '../model';

/** The value written: compose refuses to start the project while the variable is unset or empty, and says why. */
export function requiredValue(variable: string, service: string): string {
  return `\${${variable}:?${variable} is required by ${service}}`;
}

/** A compose file's service entry, found by where the model saw its key. */
function serviceEntry(root: DataNode, definition: Location): MapEntry | undefined {
  const services = get(root, 'services');
  return entries(services).find((e) => !e.merged && e.key.start === definition.start);
}

/** `key: &anchor ...`: the value is shared with the places that name the anchor. */
const anchored = (source: SourceFile, e: MapEntry) => /^["']?[ \t]*:[ \t]*&/.test(source.text.slice(e.key.end, e.value.start + 1));

const parsed = new WeakMap<SourceFile, ReturnType<typeof parseYaml>>();
/** The file parsed once per text: the CLI builds one fix per finding, many of them on the same compose file. */
function parsedOf(source: SourceFile): ReturnType<typeof parseYaml> {
  let doc = parsed.get(source);
  if (!doc) parsed.set(source, (doc = parseYaml(source.text)));
  return doc;
}

const inside = (node: { start: number; end: number }, outer: { start: number; end: number }) => node.start >= outer.start && node.end <= outer.end;

/**
 * The edit for one variable, or undefined when no definition of the service can take it safely. `open` gives a
 * file's current text (an open document's, with its version). The file that already has the service's
 * `environment` gets it (the first such); else the service's main definition gets an `environment` key.
 */
export function composeEnvironmentFix(service: ServiceNode, variable: string, open: (path: string) => SourceFile | undefined): OffsetFix | undefined {
  if (service.origin) return undefined;
  const definitions = service.definitions.length ? service.definitions : [service.location];
  const found: { source: SourceFile; entry: MapEntry }[] = [];
  for (const d of definitions) {
    const source = open(d.path);
    const doc = source && parsedOf(source);
    const entry = doc && isReadable(doc) ? serviceEntry(doc.root, d) : undefined;
    // A definition the file no longer has where the model saw it (edited since, or unreadable): no guess.
    if (!source || !entry) return undefined;
    // An `extends` base of another name is shared with that service: never edited.
    if (entry.key.text === service.name) found.push({ source, entry });
  }
  const home = found.find((f) => f.source.path === service.location.path) ?? found[0];
  const target = found.find((f) => get(f.entry.value, 'environment') !== undefined) ?? home;
  if (!target || !isMap(target.entry.value) || anchored(target.source, target.entry)) return undefined;
  const { source } = target;
  const body = target.entry.value;
  const value = requiredValue(variable, service.name);
  const env = entries(body).find((e) => e.key.text === 'environment');
  let edit: OffsetEdit | undefined;
  if (!env) edit = source.text[body.start] === '{' ? undefined : appendEntry(source, body, 'environment', { [variable]: value });
  // From a merge key, an alias or under an anchor: shared with other services.
  else if (env.merged || !inside(env.value, body) || anchored(source, env)) edit = undefined;
  else if (isMap(env.value)) edit = addToMapping(source, env.value, variable, value);
  else if (isSeq(env.value)) edit = addToList(source, env.value, `${variable}=${value}`);
  else if (isScalar(env.value) && env.value.value === null && env.value.text === '') edit = addUnderKey(source, env, variable, value);
  if (!edit) return undefined;
  const where = definitions.length > 1 ? ` (${source.path.split(/[\\/]/).pop()})` : '';
  return { title: `Add ${variable} to the environment of compose service '${service.name}'${where}`, edits: [edit], file: source };
}

function addToMapping(source: SourceFile, map: MapNode, variable: string, value: string): OffsetEdit | undefined {
  if (source.text[map.start] === '{' || !map.entries.some((e) => !e.merged)) return undefined;
  return appendEntry(source, map, variable, value);
}

/** `- KEY=value` after the last item, at its dash's column, quoted like the items are. */
function addToList(source: SourceFile, seq: SeqNode, item: string): OffsetEdit | undefined {
  const last = seq.items[seq.items.length - 1];
  if (!last || source.text[seq.start] === '[' || !isScalar(last)) return undefined;
  const lines = source.lines;
  const line = lines.positionAt(trimmedEnd(source, last)).line;
  const head = lines.lineText(lines.positionAt(last.start).line);
  const dash = /^([ \t]*)-[ \t]+/.exec(head);
  if (!dash) return undefined;
  const quote = source.text[last.start] === '"' || source.text[last.start] === "'" ? source.text[last.start] : '';
  const written = quote === "'" ? `'${item.replace(/'/g, "''")}'` : quote ? JSON.stringify(item) : item;
  const at = lines.lineEnd(line);
  return { start: at, end: at, newText: `${lines.eol}${dash[0]}${written}` };
}

/** `environment:` with nothing after it: the entry on the next line, one step deeper than the key. */
function addUnderKey(source: SourceFile, env: MapEntry, variable: string, value: string): OffsetEdit {
  const lines = source.lines;
  const keyLine = lines.positionAt(env.key.start).line;
  const column = lines.positionAt(env.key.start).character;
  const step = /^( +)\S/m.exec(source.text)?.[1] ?? '  ';
  const at = lines.lineEnd(keyLine);
  return { start: at, end: at, newText: `${lines.eol}${' '.repeat(column)}${step}${variable}: ${JSON.stringify(value)}` };
}
