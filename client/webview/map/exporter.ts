/** SVG and PNG of the drawn map: theme colours resolved into attributes, so the file looks the same outside VS Code. */
import { SVG_NS } from '../../src/diagram/path';

const PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-family', 'font-size', 'font-weight', 'visibility'] as const;

function copyStyles(live: Element, clone: Element): void {
  const style = getComputedStyle(live);
  for (const p of PROPS) {
    const v = style.getPropertyValue(p);
    if (v) clone.setAttribute(p, v);
  }
  clone.removeAttribute('class');
  clone.removeAttribute('tabindex');
  for (let i = 0; i < live.children.length; i++) copyStyles(live.children[i], clone.children[i]);
}

/** A standalone SVG document of the drawing in `viewport` (width x height, as laid out). */
export function svgDocument(svg: SVGSVGElement, viewport: SVGGElement, width: number, height: number): string {
  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(Math.ceil(width)));
  out.setAttribute('height', String(Math.ceil(height)));
  out.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  const defs = svg.querySelector('defs');
  if (defs) {
    const d = defs.cloneNode(true) as Element;
    copyStyles(defs, d);
    out.append(d);
  }
  const body = viewport.cloneNode(true) as SVGGElement;
  copyStyles(viewport, body);
  body.removeAttribute('transform');
  out.append(bg, body);
  return new XMLSerializer().serializeToString(out);
}

/** Renders an SVG document to a PNG (twice the size, for sharp text) and returns it as base64. */
export async function pngBase64(svgText: string, width: number, height: number): Promise<string> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the browser could not draw the SVG'));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  } finally {
    URL.revokeObjectURL(url);
  }
}
