import type { Node } from 'web-tree-sitter';
import type { OffsetEdit, Report, RuleContext } from '../../rules/types';
import { nodesOf, report, wholeSeconds } from '../common';

/** The method names called on a builder after `start`: `X.newBuilder().a().b()` -> [a, b]. */
export function chainAfter(start: Node): string[] {
  const names: string[] = [];
  let cur = start;
  while (cur.parent?.type === 'method_invocation' && cur.parent.childForFieldName('object')?.equals(cur)) {
    cur = cur.parent;
    names.push(cur.childForFieldName('name')?.text ?? '');
  }
  return names;
}

/** An edit importing java.time.Duration when the file does not yet. */
function durationImport(ctx: RuleContext): OffsetEdit[] {
  if (/import\s+java\.time\.(Duration|\*)\s*;/.test(ctx.source.text)) return [];
  const eol = ctx.source.lines.eol;
  const imports = nodesOf(ctx, 'import_declaration');
  const after = imports[imports.length - 1] ?? nodesOf(ctx, 'package_declaration')[0];
  if (!after) return [{ start: 0, end: 0, newText: `import java.time.Duration;${eol}${eol}` }];
  return [{ start: after.endIndex, end: after.endIndex, newText: `${eol}${imports.length ? '' : eol}import java.time.Duration;` }];
}

export function javaTimeouts(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  if (!/HttpClient|HttpRequest|RestTemplate|WebClient/.test(text)) return [];
  const n = wholeSeconds(ctx.options.defaultTimeoutMs);
  const duration = `Duration.ofSeconds(${n})`;
  const out: Report[] = [];
  const configuredLater = (method: string) => new RegExp(`\\.${method}\\s*\\(`).test(text);

  for (const call of nodesOf(ctx, 'method_invocation')) {
    if (!/^(HttpClient|HttpRequest|WebClient)\s*\.\s*\w+\s*$/.test(text.slice(call.startIndex, text.indexOf('(', call.startIndex)))) continue; // cheap text test first
    const obj = call.childForFieldName('object')?.text;
    const name = call.childForFieldName('name')?.text;
    if (obj === 'HttpClient' && name === 'newHttpClient') {
      const replacement = `HttpClient.newBuilder().connectTimeout(${duration}).build()`;
      out.push(report('HttpClient.newHttpClient() has no connect timeout: connecting to an unreachable host can hang for minutes', call, {
        title: 'Build the client with .connectTimeout(...)',
        edits: [{ start: call.startIndex, end: call.endIndex, newText: replacement }, ...durationImport(ctx)],
      }));
    } else if (obj === 'HttpClient' && name === 'newBuilder' && !chainAfter(call).includes('connectTimeout') && !configuredLater('connectTimeout')) {
      const add = `.connectTimeout(${duration})`;
      out.push(report('This HttpClient builder sets no connectTimeout: connecting to an unreachable host can hang for minutes', call, { title: `Add ${add}`, edits: [{ start: call.endIndex, end: call.endIndex, newText: add }, ...durationImport(ctx)] }));
    } else if (obj === 'HttpRequest' && name === 'newBuilder' && !chainAfter(call).includes('timeout')) {
      const add = `.timeout(${duration})`;
      out.push(report('This HttpRequest has no timeout: HttpClient waits forever for the response by default', call, { title: `Add ${add}`, edits: [{ start: call.endIndex, end: call.endIndex, newText: add }, ...durationImport(ctx)] }));
    } else if (obj === 'WebClient' && (name === 'create' || name === 'builder') && !/responseTimeout|ReadTimeoutHandler|\.timeout\s*\(/.test(text)) {
      out.push(report('This WebClient sets no response timeout: Reactor Netty waits for a response indefinitely by default; set HttpClient.responseTimeout(...) or .timeout(...) on the calls', call));
    }
  }
  for (const ctor of nodesOf(ctx, 'object_creation_expression')) {
    if (ctor.childForFieldName('type')?.text !== 'RestTemplate') continue;
    const args = ctor.childForFieldName('arguments');
    if (args?.namedChildren.some((a) => a && a.type !== 'comment') || configuredLater('setRequestFactory')) continue;
    out.push(report('new RestTemplate() uses a request factory without timeouts: it waits forever for a slow or dead server; build it with RestTemplateBuilder timeouts or a factory that sets them', ctor));
  }
  return out;
}
