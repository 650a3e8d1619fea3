import { get, items, str, type DataNode } from '../documents/tree';
import { specOf } from '../openapi/spec';
import type { OffsetEdit, Report, Rule } from './types';

const LOCAL = /^(localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1\]|[^/:]*\.(local|localhost|test|internal))(:\d+)?$/i;

export function isLocalHost(host: string): boolean {
  return LOCAL.test(host);
}

/**
 * Hosts inside the system's own network: a compose or Kubernetes service name (one label), a cluster's DNS name
 * (`orders.shop.svc.cluster.local`) or a private IPv4 address. TLS there is the platform's concern (a mesh's mTLS),
 * not the public contract's.
 */
const INTERNAL = /^([a-z0-9_-]+|[^/:]*\.svc(\.cluster\.local)?|[^/:]*\.cluster\.local|10(\.\d+){3}|192\.168(\.\d+){2}|172\.(1[6-9]|2\d|3[01])(\.\d+){2})(:\d+)?$/i;

function isInternalHost(host: string): boolean {
  return isLocalHost(host) || INTERNAL.test(host);
}

function httpsEdit(text: string, node: DataNode): OffsetEdit | undefined {
  const i = text.slice(node.start, node.end).search(/http:\/\//i);
  return i < 0 ? undefined : { start: node.start + i, end: node.start + i + 4, newText: 'https' };
}

export const insecureServerUrl: Rule = {
  id: 'insecure-server-url',
  kinds: ['openapi'],
  defaultSeverity: 'warning',
  title: 'An API server is declared over plain http://',
  description:
    'Traffic to a plain-HTTP server can be read and changed on the way: credentials, tokens and personal data travel in clear text. Serve the API over HTTPS (TLS) everywhere but on localhost.',
  check(ctx) {
    const spec = specOf(ctx);
    if (!spec) return [];
    const text = ctx.source.text;
    const out: Report[] = [];
    if (spec.version.major === 3) {
      const servers = [get(spec.root, 'servers'), ...spec.ops.flatMap((op) => [get(op.pathItem, 'servers'), get(op.node, 'servers')])];
      const seen = new Set<DataNode>();
      for (const list of servers) {
        for (const server of items(list)) {
          const urlNode = get(server, 'url');
          const url = str(urlNode);
          if (!urlNode || !url || seen.has(urlNode)) continue;
          seen.add(urlNode);
          const m = /^http:\/\/([^/?#]*)/i.exec(url);
          if (!m || isInternalHost(m[1]) || m[1].includes('{')) continue;
          const edit = httpsEdit(text, urlNode);
          out.push({ message: `Server ${url} is plain HTTP: use https://`, at: urlNode, fix: edit && { title: 'Use https://', edits: [edit] } });
        }
      }
      return out;
    }
    const host = str(get(spec.root, 'host')) ?? '';
    if (isInternalHost(host)) return [];
    const schemes = items(get(spec.root, 'schemes'));
    const http = schemes.find((s) => str(s)?.toLowerCase() === 'http');
    if (!http) return [];
    const hasHttps = schemes.some((s) => str(s)?.toLowerCase() === 'https');
    // No host: the spec names no server (it is served from wherever the API runs, as a relative 3.x URL is); with https
    // among its schemes, which one a deployment speaks is the deployment's choice.
    if (!host && hasHttps) return [];
    const i = text.slice(http.start, http.end).search(/http/i);
    const edit = !hasHttps && i >= 0 ? { start: http.start + i, end: http.start + i + 4, newText: 'https' } : undefined;
    return [{
      message: `schemes allows plain HTTP${host ? ` for ${host}` : ''}${hasHttps ? ' besides https' : ''}: serve the API over https only`,
      at: http,
      fix: edit && { title: 'Use https', edits: [edit] },
    }];
  },
};
