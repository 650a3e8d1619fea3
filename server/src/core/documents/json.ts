import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { conflictMarkers } from './conflictMarkers';
import { parseJsonLazy } from './jsonLazy';
import { MAX_JSON_NESTING_DEPTH, tooDeepAt } from './jsonShape';
import { keepLastOfEachKey } from './repeatedKeys';
import type { DataDocument, DataNode, MapNode, ParseProblem, ScalarNode } from './tree';

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
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    const message = `JSON nested more than ${MAX_JSON_NESTING_DEPTH} levels deep: the file is not analyzed (a fixed limit, so that reading it cannot exhaust the stack)`;
    return { root: undefined, problems: [{ message, start: deep, end: deep + 1 }], format: 'json' };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ParseProblem[] = errors.slice(0, 1).map((e) => ({
    message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    start: e.offset,
    end: e.offset + Math.max(1, e.length),
  }));
  return { root: tree ? convert(tree, text, problems) : undefined, problems, format: 'json' };
}

function convert(n: JsonNode, text: string, problems: ParseProblem[]): DataNode {
  const start = n.offset;
  const end = n.offset + n.length;
  if (n.type === 'object') {
    const map: MapNode = { kind: 'map', start, end, entries: [] };
    for (const prop of n.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k) continue;
      const key = convert(k, text, problems) as ScalarNode;
      map.entries.push({ key, value: v ? convert(v, text, problems) : { kind: 'scalar', start: prop.offset + prop.length, end: prop.offset + prop.length, value: null, text: '' } });
    }
    if (map.entries.length > 1) keepLastOfEachKey(map, text, problems, 'JSON.parse');
    return map;
  }
  if (n.type === 'array') return { kind: 'seq', start, end, items: (n.children ?? []).map((c) => convert(c, text, problems)) };
  const value = n.value as string | number | boolean | null;
  return { kind: 'scalar', start, end, value: value ?? null, text: value === null || value === undefined ? '' : String(value) };
}
