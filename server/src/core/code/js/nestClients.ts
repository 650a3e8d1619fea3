import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { Report, RuleContext } from '../../rules/types';
import { nodesOf, span } from '../common';
import { filesBelow } from '../filesBelow';

/** The clients of NestJS microservice transports (TCP, Redis, NATS, RabbitMQ, Kafka, MQTT). */
const CLIENT_TYPE = /^(ClientProxy|ClientTCP|ClientRedis|ClientNats|ClientRMQ|ClientKafka|ClientMqtt)$/;
export const NEST_CLIENT = /@nestjs\/microservices/;

/** The names (a class field, a constructor parameter property, a variable) that hold a NestJS client in the file. */
function clientNames(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const n of nodesOf(ctx, ['required_parameter', 'public_field_definition', 'variable_declarator'])) {
    const type = n.childForFieldName('type')?.namedChildren[0];
    const value = n.childForFieldName('value');
    const name = n.childForFieldName('pattern') ?? n.childForFieldName('name');
    if (!name || !/^[A-Za-z_$][\w$]*$/.test(name.text)) continue;
    if ((type && CLIENT_TYPE.test(type.text)) || /^ClientProxyFactory\.create\(/.test(value?.text ?? '')) names.add(name.text);
  }
  return names;
}

/** The expression a call's result flows through: `.pipe(...)` chains and the calls that wrap it (`firstValueFrom(...)`). */
function piped(call: Node): string {
  let top: Node = call;
  while (top.parent && /^(member_expression|call_expression|arguments|await_expression|parenthesized_expression)$/.test(top.parent.type)) top = top.parent;
  return top.text;
}

/** The variable a call's result is assigned to, if any. */
function assignedTo(call: Node): string | undefined {
  let n: Node | null = call.parent;
  while (n && /^(await_expression|parenthesized_expression)$/.test(n.type)) n = n.parent;
  return n?.type === 'variable_declarator' ? n.childForFieldName('name')?.text : undefined;
}

/**
 * NestJS `ClientProxy.send()` calls whose reply is awaited without an rxjs `timeout()`: the transports set no
 * deadline, so a consumer that is down or never answers holds the caller until the connection drops. One finding per
 * service, in the first of its files that sends so, at its first such call, naming every client of the file; the
 * other calls and files are related locations.
 */
export function nestClientTimeouts(ctx: RuleContext): Report[] {
  if (!NEST_CLIENT.test(ctx.source.text)) return [];
  const clients = clientNames(ctx);
  if (!clients.size) return [];
  const byClient = new Map<string, Node[]>();
  for (const call of nodesOf(ctx, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_expression' || fn.childForFieldName('property')?.text !== 'send') continue;
    const obj = fn.childForFieldName('object');
    const name = obj?.type === 'member_expression' && obj.childForFieldName('object')?.type === 'this' ? obj.childForFieldName('property')?.text : obj?.type === 'identifier' ? obj.text : undefined;
    if (!name || !clients.has(name)) continue;
    if (/\btimeout\s*\(|\btimeoutWith\s*\(/.test(piped(call))) continue;
    const v = assignedTo(call);
    if (v && new RegExp(`\\b${v}\\s*\\.\\s*pipe\\s*\\([^;]*\\btimeout(With)?\\s*\\(`).test(ctx.source.text)) continue;
    (byClient.get(name) ?? byClient.set(name, []).get(name)!).push(call);
  }
  if (!byClient.size) return [];
  // One finding per service: the first of its files (in path order) that sends without a timeout reports, naming the others.
  const files = sendingFilesOf(ctx.source.path);
  if (files.length && files[0] !== ctx.source.path && files.includes(ctx.source.path)) return [];
  const others = files.filter((f) => f !== ctx.source.path);
  // One finding for the file (its fix, a timeout per reply or one interceptor, is the service's), at the first call.
  const calls = [...byClient.values()].flat().sort((a, b) => a.startIndex - b.startIndex);
  const [first, ...rest] = calls;
  const names = [...byClient.keys()].map((n) => `${n}.send()`);
  const named = names.length === 1 ? `${names[0]} waits` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} wait`;
  const more = rest.length ? ` (${rest.length} more call${rest.length === 1 ? '' : 's'} in this file)` : '';
  const elsewhere = others.length ? `; ${others.length} more file${others.length === 1 ? '' : 's'} of this service send${others.length === 1 ? 's' : ''} the same way` : '';
  const nameOf = (c: Node) => c.childForFieldName('function')!.text.replace(/^this\./, '');
  const related = [
    ...rest.map((c) => ({ at: span(c.childForFieldName('function')!), message: `${nameOf(c)}() without a timeout` })),
    ...others.slice(0, 20).map((path) => ({ path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'another file of this service that sends without a timeout' })),
  ];
  return [{
    message: `${named} for a reply with no timeout${more}${elsewhere}: NestJS microservice clients set no deadline, so a consumer that is down or never answers holds this request until the connection drops. Pipe the reply through rxjs timeout() (and handle the TimeoutError), or add one timeout interceptor for the service`,
    at: span(first.childForFieldName('function')!),
    ...(related.length ? { related } : {}),
  }];
}

const MAX_PACKAGE_FILES = 3000;

/** The folder of the nearest package.json above a file (up to 16 folders: a deep source tree of a monorepo's root package). */
function packageDirOf(path: string, known: Map<string, boolean>): string | undefined {
  let dir = dirname(path);
  for (let up = 0; up < 16; up++) {
    let has = known.get(dir);
    if (has === undefined) known.set(dir, (has = existsSync(join(dir, 'package.json'))));
    if (has) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}
const SKIP_DIR = /^(node_modules|dist|build|coverage|test|tests|__tests__|\..+)$/;
const sendingCache = new Map<string, { at: number; files: string[] }>();

/**
 * The files of the file's package (nearest package.json) that use a NestJS client's send() and no rxjs timeout, in
 * path order (text tests only; cached for 5 s, as a scan reads many files of one package).
 */
function sendingFilesOf(path: string): string[] {
  const dir = packageDirOf(path, new Map());
  if (!dir) return [];
  const hit = sendingCache.get(dir);
  if (hit && Date.now() - hit.at < 5000) return hit.files;
  // Files of a package nested below (an app with its own package.json) belong to that package, not this one.
  const known = new Map<string, boolean>();
  const files = filesBelow(dir, (name) => /\.[cm]?[jt]s$/.test(name) && !/\.(spec|test)\.[cm]?[jt]s$/.test(name), { max: MAX_PACKAGE_FILES, skip: SKIP_DIR })
    .filter((f) => NEST_CLIENT.test(f.text) && /\.send\s*[<(]/.test(f.text) && !/\btimeout(With)?\s*\(/.test(f.text) && packageDirOf(f.path, known) === dir)
    .map((f) => f.path);
  sendingCache.set(dir, { at: Date.now(), files });
  return files;
}
