import { readFileSync, statSync } from 'node:fs';
import { classify } from '../documents/classify';
import { parseJson } from '../documents/json';
import { makeSource } from '../documents/source';
import { isReadable } from '../documents/tree';
import { parseYaml } from '../documents/yaml';
import type { DocumentLoader, LoadedDocument } from './refs';

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * A loader for `$ref` targets in other files: reads YAML/JSON from disk, parses once per analysis (the cache lives
 * as long as the loader), and never throws (an unreadable or invalid file resolves to nothing).
 */
export function diskLoader(): DocumentLoader {
  const cache = new Map<string, LoadedDocument | undefined>();
  return (path) => {
    if (cache.has(path)) return cache.get(path);
    let doc: LoadedDocument | undefined;
    try {
      if (/\.(ya?ml|json)$/i.test(path) && statSync(path).size <= MAX_BYTES) {
        const text = readFileSync(path, 'utf8');
        const parsed = path.toLowerCase().endsWith('.json') ? parseJson(text) : parseYaml(text);
        if (isReadable(parsed)) {
          doc = { source: makeSource(path, text, classify(path, text) ?? 'openapi'), root: parsed.root };
        }
      }
    } catch {
      doc = undefined;
    }
    cache.set(path, doc);
    return doc;
  };
}
