import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { conflictMarkers } from './conflictMarkers';
import { parseJsonLazy } from './jsonLazy';
import type { DataDocument, DataNode, MapNode, ScalarNode } from './tree';

/**
 * Parses JSON (comments and trailing commas tolerated) into a DataNode tree with offsets. Strict JSON takes the
 * fast path (JSON.parse, offsets found lazily for the nodes that are asked for them); anything JSON.parse refuses
 * goes through jsonc-parser, which also reports where the syntax error is.
 */
export function parseJson(text: string): DataDocument {
  const lazy = parseJsonLazy(text);
  if (lazy) return { root: lazy, problems: [], format: 'json' };
  return parseJsonRanged(text);
}

/** The tolerant parser: a full ranged tree from jsonc-parser. */
export function parseJsonRanged(text: string): DataDocument {
  const markers = conflictMarkers(text);
  if (markers.length) return { root: undefined, problems: markers, format: 'json' };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems = errors.slice(0, 1).map((e) => ({
    message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    start: e.offset,
    end: e.offset + Math.max(1, e.length),
  }));
  return { root: tree ? convert(tree) : undefined, problems, format: 'json' };
}

function convert(n: JsonNode): DataNode {
  const start = n.offset;
  const end = n.offset + n.length;
  if (n.type === 'object') {
    const map: MapNode = { kind: 'map', start, end, entries: [] };
    for (const prop of n.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k) continue;
      const key = convert(k) as ScalarNode;
      map.entries.push({ key, value: v ? convert(v) : { kind: 'scalar', start: prop.offset + prop.length, end: prop.offset + prop.length, value: null, text: '' } });
    }
    return map;
  }
  if (n.type === 'array') return { kind: 'seq', start, end, items: (n.children ?? []).map(convert) };
  const value = n.value as string | number | boolean | null;
  return { kind: 'scalar', start, end, value: value ?? null, text: value === null || value === undefined ? '' : String(value) };
}
