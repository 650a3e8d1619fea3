import type { Node } from 'web-tree-sitter';
import { callsOf, functionOf, literal, loopOver, stringsOf } from './syntax';
import type { CodeFile, Endpoint } from './types';

const MARKER: Record<string, RegExp> = {
  typescript: /['"](nats|@nats-io\/[\w-]+)['"]/,
  python: /^[ \t]*(?:import[ \t]+nats\b|from[ \t]+nats\b)/m,
  go: /"github\.com\/nats-io\/nats\.go(?:\/jetstream)?"/,
  java: /\bio\.nats\.client\b/,
};
MARKER.javascript = MARKER.typescript;

const JETSTREAM = /\b(jetstream|JetStream|js|jsm)\b/i;

/** NATS publishers and subscribers, core and JetStream (a JetStream receiver: `js`, `jetstream`). */
export function natsEndpoints(f: CodeFile): Endpoint[] {
  if (!MARKER[f.kind].test(f.text)) return [];
  const out: Endpoint[] = [];
  for (const c of callsOf(f)) {
    const subject = c.args[0];
    if (!subject || (literal(subject) === undefined && !/identifier|attribute|selector|member|field_access/.test(subject.type))) continue;
    const js = JETSTREAM.test(c.receiver?.text.split('.').pop() ?? '');
    const library = js ? 'NATS JetStream' : 'NATS';
    const at: Node = c.node;
    if (/^(publish|Publish|PublishMsg|PublishAsync|request|Request)$/.test(c.name)) out.push({ role: 'producer', broker: 'nats', library, topics: stringsOf(f, subject), at });
    else if (/^(subscribe|Subscribe|QueueSubscribe|ChanSubscribe|ChanQueueSubscribe|PullSubscribe|QueueSubscribeSync|SubscribeSync|pull_subscribe|queue_subscribe)$/.test(c.name)) {
      const cb = c.kw.get('cb') ?? c.args.find((a, i) => i > 0 && /function|arrow|func_literal|lambda|identifier/.test(a.type) && literal(a) === undefined);
      out.push({ role: 'consumer', broker: 'nats', library, topics: stringsOf(f, subject), at, ...handler(f, c.node, cb) });
    }
  }
  return out;
}

function handler(f: CodeFile, at: Node, cb: Node | undefined): { handler?: Node } {
  const h = functionOf(f, cb) ?? loopOver(f, at);
  return h ? { handler: h } : {};
}
