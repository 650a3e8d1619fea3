/** Zoom and pan of the map: a translate and scale on one group, driven by the wheel, dragging and keys. */
export interface Transform {
  x: number;
  y: number;
  k: number;
}

const MIN = 0.1;
const MAX = 4;

export class Viewport {
  t: Transform = { x: 0, y: 0, k: 1 };
  private drag: { x: number; y: number; t: Transform } | undefined;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly group: SVGGElement,
    private readonly changed: () => void,
  ) {
    svg.addEventListener('wheel', (e) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      this.zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    svg.addEventListener('pointerdown', (e) => {
      if ((e.target as Element).closest('.node, .edge')) return;
      this.drag = { x: e.clientX, y: e.clientY, t: { ...this.t } };
      svg.setPointerCapture(e.pointerId);
      svg.classList.add('panning');
    });
    svg.addEventListener('pointermove', (e) => {
      if (!this.drag) return;
      this.set({ ...this.drag.t, x: this.drag.t.x + e.clientX - this.drag.x, y: this.drag.t.y + e.clientY - this.drag.y });
    });
    const end = () => {
      this.drag = undefined;
      svg.classList.remove('panning');
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
  }

  set(t: Transform): void {
    this.t = { x: t.x, y: t.y, k: Math.min(MAX, Math.max(MIN, t.k)) };
    this.group.setAttribute('transform', `translate(${this.t.x},${this.t.y}) scale(${this.t.k})`);
    this.changed();
  }

  zoomAt(factor: number, cx?: number, cy?: number): void {
    const r = this.svg.getBoundingClientRect();
    const x = cx ?? r.width / 2;
    const y = cy ?? r.height / 2;
    const k = Math.min(MAX, Math.max(MIN, this.t.k * factor));
    const f = k / this.t.k;
    this.set({ k, x: x - (x - this.t.x) * f, y: y - (y - this.t.y) * f });
  }

  /** Fits a width x height drawing into the view (never above 100% zoom). */
  fit(width: number, height: number): void {
    const r = this.svg.getBoundingClientRect();
    if (!width || !height || !r.width || !r.height) return this.set({ x: 0, y: 0, k: 1 });
    const k = Math.min(1, (r.width - 20) / width, (r.height - 20) / height);
    this.set({ k, x: (r.width - width * k) / 2, y: (r.height - height * k) / 2 });
  }

  /** Pans so that the point (x, y) of the drawing is in the middle of the view. */
  center(x: number, y: number): void {
    const r = this.svg.getBoundingClientRect();
    this.set({ ...this.t, x: r.width / 2 - x * this.t.k, y: r.height / 2 - y * this.t.k });
  }
}
