import type { Report, RuleContext } from '../../rules/types';
import { nodesOf, report } from '../common';
import { blankComments } from '../../text/blankComments';
import { breakerStarterDeclared, feignClientsOf, feignConfigKey, springTimeoutsConfigured } from './springConfig';
import { chainAfter } from './timeouts';

const TIMEOUT_SETTER = /^(set)?(connect|read|response|socket|connectionRequest)Timeout$|^requestFactory$|^setDefaultRequestConfig$/;

/** Spring's RestClient, by its import: Elasticsearch's low-level client has the same simple name. */
const springRestClient = (text: string) => /\bimport\s+org\.springframework\.web\.client\.(RestClient|\*)\s*;/.test(text);

/**
 * Java HTTP clients built without timeouts: Spring's RestClient and RestTemplateBuilder, Apache HttpClient (4.x and
 * 5.x wait for a response without limit by default), and OpenFeign clients left on Feign's defaults (information:
 * 10 s to connect, 60 s to read; not when the module declares a Hystrix or Resilience4j starter, whose time limiter
 * Spring Cloud can put around them). OkHttp's defaults (10 s) are bounded and not reported.
 */
export function javaClientTimeouts(ctx: RuleContext): Report[] {
  const text = ctx.source.text;
  if (!/RestClient|RestTemplateBuilder|HttpClients|HttpClientBuilder|@FeignClient/.test(text)) return [];
  const out: Report[] = [];
  const springConfigured = () => springTimeoutsConfigured(ctx.source.path);
  // The code without its comments: a commented-out import names no class the file uses.
  let uncommented: string | undefined;
  const code = () => (uncommented ??= blankComments(text, 'java'));
  for (const call of nodesOf(ctx, 'method_invocation')) {
    const name = call.childForFieldName('name')?.text ?? '';
    const obj = call.childForFieldName('object')?.text ?? '';
    const chain = () => chainAfter(call);
    if (obj === 'RestClient' && springRestClient(text) && (name === 'create' || (name === 'builder' && !chain().some((m) => TIMEOUT_SETTER.test(m))))) {
      if (/ClientHttpRequestFactor|setReadTimeout|readTimeout\(/.test(text) || springConfigured()) continue;
      out.push(report(`RestClient.${name}() sets no timeouts: its default request factory waits for a slow or dead server without limit; give it a request factory with connect and read timeouts (or set spring.http.client.read-timeout)`, call));
    } else if (/^(HttpClients|HttpClientBuilder)$/.test(obj) && /^(createDefault|createSystem|custom|create)$/.test(name)) {
      if (/RequestConfig|setSocketTimeout|setResponseTimeout|setConnectTimeout/.test(text) || chain().some((m) => TIMEOUT_SETTER.test(m))) continue;
      out.push(report(`${obj}.${name}() builds an Apache HttpClient without a RequestConfig: it waits for a response without limit by default; set a response (socket) and connect timeout with setDefaultRequestConfig`, call));
    } else if (name === 'build' && /^\w+$/.test(obj) && new RegExp(`\\bRestClient\\.Builder\\s+${obj}\\b`).test(code())) {
      // An injected RestClient.Builder: Spring Boot's auto-configured builder, timed out by spring.http.client settings.
      if (/ClientHttpRequestFactor|setReadTimeout|readTimeout\(/.test(text) || springConfigured() || chain().some((m) => TIMEOUT_SETTER.test(m))) continue;
      out.push(report(`This RestClient.Builder builds a RestClient without timeouts: its default request factory waits for a slow or dead server without limit; give it a request factory with connect and read timeouts (or set spring.http.client.read-timeout)`, call));
    } else if (name === 'build' && /(^|\.)(restTemplateBuilder|builder|RestTemplateBuilder\(\))$/i.test(obj) && /RestTemplateBuilder/.test(code())) {
      if (/(set)?(Connect|Read)Timeout\s*\(/i.test(text) || springConfigured()) continue;
      out.push(report('This RestTemplateBuilder builds a RestTemplate without connect or read timeouts: it waits forever for a slow or dead server; call .connectTimeout(...) and .readTimeout(...) before build()', call));
    }
  }
  const feign = /@FeignClient\b/.exec(text);
  // The annotation itself, not its name in a comment (`{@link FeignClient @FeignClient}` in an enabling annotation's Javadoc).
  const annotation = feign ? ctx.tree?.rootNode.descendantsOfType('annotation').find((a) => a?.childForFieldName('name')?.text === 'FeignClient') : undefined;
  if (annotation && !/Request\.Options|connectTimeout|readTimeout/.test(text) && !springConfigured() && !breakerStarterDeclared(ctx.source.path)) {
    // One finding per module, on its first Feign client: one block of its configuration sets them all.
    const clients = feignClientsOf(ctx.source.path);
    const first = clients[0];
    if (!first || first.path === ctx.source.path || !clients.some((c) => c.path === ctx.source.path)) {
      const others = clients.filter((c) => c.path !== ctx.source.path);
      const finding = report(`This Feign client runs on Feign's default timeouts (10 s to connect, 60 s to read)${others.length ? `, as do ${others.length} more of this module` : ''}: set connect and read timeouts (${feignConfigKey(ctx.source.path)}, under default or per client) to what the callers can wait`, annotation, undefined, 'information');
      if (others.length) finding.related = others.map((c) => ({ path: c.path, range: { start: { line: c.line, character: 0 }, end: { line: c.line, character: 0 } }, message: 'another Feign client of this module on the default timeouts' }));
      out.push(finding);
    }
  }
  return out;
}
