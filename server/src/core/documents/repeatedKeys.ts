import { lineOf } from './lineOf';
import type { MapEntry, MapNode, ParseProblem } from './tree';

/**
 * A repeated key keeps its last value (`loader` says who else does so: "most YAML loaders", "JSON.parse"); each
 * repeat is reported where it is written, naming the line of the first, and the mapping keeps one entry per key.
 */
export function keepLastOfEachKey(map: MapNode, text: string, problems: ParseProblem[], loader: string): void {
  const first = new Map<string, MapEntry>();
  const last = new Map<string, MapEntry>();
  for (const e of map.entries) {
    const earlier = first.get(e.key.text);
    if (!earlier) first.set(e.key.text, e);
    else {
      const message = `Duplicate key "${e.key.text}" (first on line ${lineOf(text, earlier.key.start) + 1}): this analysis, like ${loader}, keeps the last value, and some tools refuse the file; keep one`;
      problems.push({ message, start: e.key.start, end: e.key.end, recoverable: true });
    }
    last.set(e.key.text, e);
  }
  if (last.size < map.entries.length) map.entries = map.entries.filter((e) => last.get(e.key.text) === e);
}
