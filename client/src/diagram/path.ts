/** Drawing helpers the map and the chat's diagrams share: an edge's SVG path and text cut to fit. No DOM. */
import type { Point } from './types';

export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A smooth path through the points: quadratic curves between their midpoints, straight to the last one. */
export function pathOf(points: Point[]): string {
  if (!points.length) return '';
  let d = `M${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    d += ` Q${a.x} ${a.y} ${(a.x + b.x) / 2} ${(a.y + b.y) / 2}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last.x} ${last.y}`;
}

/** The SVG namespace: a name, never fetched. */
export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The arrow head's outline, in a 10 x 10 marker box. */
export const ARROW_HEAD = 'M0 0 L10 5 L0 10 z';
