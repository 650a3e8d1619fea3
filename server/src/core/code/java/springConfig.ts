import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FILES = ['application.yml', 'application.yaml', 'application.properties'];
/** Spring Boot, Spring Cloud OpenFeign and Feign keys that bound an HTTP client's waits. */
const CLIENT_KEY = /\b(http\.client|http:\s*\n\s*client|openfeign|feign)\b/i;
const TIMEOUT_KEY = /(read|connect|response)[-_]?timeout/i;
const cache = new Map<string, { mtime: number; configured: boolean }>();

function resourcesOf(javaPath: string): string | undefined {
  const i = javaPath.replace(/\\/g, '/').lastIndexOf('/src/main/');
  return i < 0 ? undefined : join(javaPath.slice(0, i), 'src', 'main', 'resources');
}

function fileSetsTimeouts(path: string): boolean {
  let mtime: number;
  try {
    mtime = statSync(path).mtimeMs;
  } catch {
    return false;
  }
  const hit = cache.get(path);
  if (hit && hit.mtime === mtime) return hit.configured;
  let configured = false;
  try {
    const text = readFileSync(path, 'utf8');
    configured = CLIENT_KEY.test(text) && TIMEOUT_KEY.test(text);
  } catch {
    configured = false;
  }
  cache.set(path, { mtime, configured });
  return configured;
}

/** Whether the module's Spring configuration (src/main/resources/application.*) sets HTTP client timeouts. */
export function springTimeoutsConfigured(javaPath: string): boolean {
  const dir = resourcesOf(javaPath);
  return !!dir && FILES.some((f) => fileSetsTimeouts(join(dir, f)));
}

