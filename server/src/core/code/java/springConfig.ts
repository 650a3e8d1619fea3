import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { filesBelow } from '../filesBelow';
import { blankComments } from '../../text/blankComments';

const FILES = ['application.yml', 'application.yaml', 'application.properties'];
/** Spring Boot, Spring Cloud OpenFeign and Feign keys that bound an HTTP client's waits. */
const CLIENT_KEY = /\b(http\.client|http:\s*\n\s*client|openfeign|feign)\b/i;
const TIMEOUT_KEY = /(read|connect|response)[-_]?timeout/i;
/** Build files declaring a breaker that Spring Cloud can put around Feign calls with its own time limit. */
const BREAKER_STARTER = /spring-cloud-starter-(netflix-hystrix|circuitbreaker)|resilience4j-(spring|feign)|feign-hystrix/;
const cache = new Map<string, { mtime: number; configured: boolean }>();

function resourcesOf(javaPath: string): string | undefined {
  const i = javaPath.replace(/\\/g, '/').lastIndexOf('/src/main/');
  return i < 0 ? undefined : join(javaPath.slice(0, i), 'src', 'main', 'resources');
}

function fileMatches(path: string, what: 'timeouts' | 'breaker', test: (text: string) => boolean): boolean {
  let mtime: number;
  try {
    mtime = statSync(path).mtimeMs;
  } catch {
    return false;
  }
  const key = `${what}:${path}`;
  const hit = cache.get(key);
  if (hit && hit.mtime === mtime) return hit.configured;
  let configured = false;
  try {
    configured = test(readFileSync(path, 'utf8'));
  } catch {
    configured = false;
  }
  cache.set(key, { mtime, configured });
  return configured;
}

/** Whether the module's Spring configuration (src/main/resources/application.*) sets HTTP client timeouts. */
export function springTimeoutsConfigured(javaPath: string): boolean {
  const dir = resourcesOf(javaPath);
  return !!dir && FILES.some((f) => fileMatches(join(dir, f), 'timeouts', setsClientTimeouts));
}

function setsClientTimeouts(text: string): boolean {
  return CLIENT_KEY.test(text) && TIMEOUT_KEY.test(text);
}

function declaresBreaker(text: string): boolean {
  return BREAKER_STARTER.test(text);
}

/** Whether the module's build file (pom.xml, build.gradle[.kts]) declares a breaker starter (Hystrix, Resilience4j). */
export function breakerStarterDeclared(javaPath: string): boolean {
  const dir = resourcesOf(javaPath);
  if (!dir) return false;
  const module = join(dir, '..', '..', '..');
  return ['pom.xml', 'build.gradle', 'build.gradle.kts'].some((f) => fileMatches(join(module, f), 'breaker', declaresBreaker));
}


/**
 * The Spring key that configures Feign clients in the module's build: `feign.client.config` before Spring Cloud
 * 2022 (OpenFeign 3, Spring Boot 2), `spring.cloud.openfeign.client.config` since. Both when the build does not say.
 */
export function feignConfigKey(javaPath: string): string {
  const dir = resourcesOf(javaPath);
  const module = dir && join(dir, '..', '..', '..');
  let build = '';
  for (const m of module ? [module, join(module, '..')] : []) {
    for (const f of ['pom.xml', 'build.gradle', 'build.gradle.kts']) {
      try {
        build += readFileSync(join(m, f), 'utf8');
      } catch {
        // not there
      }
    }
  }
  if (/spring-boot-starter-parent<\/artifactId>\s*<version>2\.|org\.springframework\.boot['"]?\)?\s*version\s*['"]2\.|<spring-cloud\.version>(20(20|21)\.|Hoxton|Greenwich|Finchley)/.test(build)) return 'feign.client.config';
  if (/spring-boot-starter-parent<\/artifactId>\s*<version>3\.|<spring-cloud\.version>20(2[2-9])\./.test(build)) return 'spring.cloud.openfeign.client.config';
  return 'feign.client.config, or spring.cloud.openfeign.client.config from Spring Cloud 2022';
}

const MAX_MODULE_FILES = 5000;
const feignCache = new Map<string, { at: number; files: { path: string; line: number }[] }>();

/** The module's Java files that declare a Feign client (`@FeignClient`) without timeouts of their own, in path order, with the annotation's line. */
export function feignClientsOf(javaPath: string): { path: string; line: number }[] {
  const i = javaPath.replace(/\\/g, '/').lastIndexOf('/src/main/');
  if (i < 0) return [];
  const root = join(javaPath.slice(0, i), 'src', 'main');
  const hit = feignCache.get(root);
  if (hit && Date.now() - hit.at < 5000) return hit.files;
  const files: { path: string; line: number }[] = [];
  for (const { path, text } of filesBelow(root, (name) => name.endsWith('.java'), { max: MAX_MODULE_FILES })) {
    // The annotation in code, not its name in a comment (an enabling annotation's Javadoc).
    const m = text.includes('@FeignClient') ? /@FeignClient\b/.exec(blankComments(text, 'java')) : null;
    // A client whose own file sets its timeouts is not among those left on the defaults.
    if (m && !/Request\.Options|connectTimeout|readTimeout/.test(text)) files.push({ path, line: text.slice(0, m.index).split('\n').length - 1 });
  }
  feignCache.set(root, { at: Date.now(), files });
  return files;
}
