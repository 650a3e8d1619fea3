import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

