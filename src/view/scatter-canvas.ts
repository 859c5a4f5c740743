// The map's renderer: every point written straight into an ImageData (a few
// pixels each), so 200 k points draw in milliseconds on any machine, GPU or
// not, with no sampling cap; marks (search hits, the selection, the sender
// whose neighbours are shown, lines to them) are drawn over it. Picking,
// box and lasso are linear scans in data space: a few ms at 200 k.

export interface Camera {
  /** Data coordinates at the canvas centre. */
  cx: number;
  cy: number;
  /** CSS pixels per data unit. */
  scale: number;
}

export interface Marks {
  /** Search hits (point indices): others are faded while there are any. Null: no search. */
  hits: Int32Array | null;
  selected: Int32Array;
  /** The point whose neighbours are drawn, -1 none. */
  primary: number;
  neighbours: Int32Array;
}

export interface Overlay {
  box?: [number, number, number, number];
  lasso?: number[];
}

export interface Scatter {
  readonly canvas: HTMLCanvasElement;
  /** Coordinates (n x 2), packed colours, their faded twins, and the order to draw in (last on top). */
  setPoints(xy: Float32Array, colour: Uint32Array, faded: Uint32Array, order: Int32Array): void;
  setColours(colour: Uint32Array, faded: Uint32Array, order: Int32Array): void;
  setMarks(marks: Marks): void;
  setOverlay(overlay: Overlay): void;
  get camera(): Camera;
  set camera(c: Camera);
  /** The camera that shows every point with a margin. */
  fitCamera(): Camera;
  /** Resizes the backing store to the element's size; false while it has none (hidden). */
  resize(): boolean;
  draw(): void;
  /** CSS pixel offsets in the canvas to data coordinates. */
  toData(px: number, py: number): [number, number];
  toScreen(x: number, y: number): [number, number];
  /** The point nearest (px, py) within `radius` CSS pixels, -1 none. */
  pick(px: number, py: number, radius: number): number;
  inRect(x0: number, y0: number, x1: number, y1: number): Int32Array;
  inPolygon(points: number[]): Int32Array;
  /** Milliseconds the last draw took. */
  readonly lastDrawMs: number;
  readonly size: { width: number; height: number };
}

const WHITE = 0xffffffff;
const INK = 0xff1c1c1c;

export function createScatter(canvas: HTMLCanvasElement): Scatter {
  const context = canvas.getContext('2d')!;
  let xy: Float32Array = new Float32Array(0);
  let colour: Uint32Array = new Uint32Array(0);
  let faded: Uint32Array = new Uint32Array(0);
  let order: Int32Array = new Int32Array(0);
  let marks: Marks = { hits: null, selected: new Int32Array(0), primary: -1, neighbours: new Int32Array(0) };
  let isHit = new Uint8Array(0);
  let overlay: Overlay = {};
  let camera: Camera = { cx: 0, cy: 0, scale: 1 };
  let width = 0, height = 0, dpr = 1;
  let image: ImageData | null = null;
  let pixels = new Uint32Array(0);
  let lastDrawMs = 0;

  function setMarks(next: Marks): void {
    marks = next;
    isHit = new Uint8Array(xy.length / 2);
    if (next.hits) for (const p of next.hits) isHit[p] = 1;
  }

  function fitCamera(): Camera {
    const n = xy.length / 2;
    if (n === 0 || width === 0) return { cx: 0, cy: 0, scale: 1 };
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = xy[2 * i], y = xy[2 * i + 1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    const w = Math.max(1e-9, x1 - x0), h = Math.max(1e-9, y1 - y0);
    return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, scale: 0.92 * Math.min(width / w, height / h) };
  }

  function resize(): boolean {
    const rect = canvas.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return false;
    dpr = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
    const w = Math.round(rect.width), h = Math.round(rect.height);
    if (w !== width || h !== height || canvas.width !== Math.round(w * dpr)) {
      width = w;
      height = h;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      image = context.createImageData(canvas.width, canvas.height);
      pixels = new Uint32Array(image.data.buffer);
    }
    return true;
  }

  function square(px: number, py: number, r: number, c: number): void {
    const W = canvas.width, H = canvas.height;
    const xa = px - r < 0 ? 0 : px - r, xb = px + r >= W ? W - 1 : px + r;
    const ya = py - r < 0 ? 0 : py - r, yb = py + r >= H ? H - 1 : py + r;
    for (let y = ya; y <= yb; y++) {
      const row = y * W;
      for (let x = xa; x <= xb; x++) pixels[row + x] = c;
    }
  }

  function draw(): void {
    if (!image || width === 0) return;
    const started = performance.now();
    const W = canvas.width, H = canvas.height;
    pixels.fill(WHITE);
    const s = camera.scale * dpr;
    const ox = W / 2 - camera.cx * s, oy = H / 2 + camera.cy * s;
    const n = order.length;
    const r = Math.max(1, Math.round((n > 50_000 ? 1 : 1.5) * dpr));
    const searching = marks.hits !== null;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const px = (ox + xy[2 * i] * s) | 0, py = (oy - xy[2 * i + 1] * s) | 0;
      if (px < -r || py < -r || px >= W + r || py >= H + r) continue;
      square(px, py, r, searching && !isHit[i] ? faded[i] : colour[i]);
    }
    // Hits and the selection on top, larger, outlined in ink.
    const big = r + Math.max(1, Math.round(dpr));
    const outlined = (list: ArrayLike<number>, fill: (i: number) => number) => {
      for (let k = 0; k < list.length; k++) {
        const i = list[k];
        const px = (ox + xy[2 * i] * s) | 0, py = (oy - xy[2 * i + 1] * s) | 0;
        if (px < -big || py < -big || px >= W + big || py >= H + big) continue;
        square(px, py, big + 1, INK);
        square(px, py, big, fill(i));
      }
    };
    if (marks.hits && marks.hits.length <= 50_000) outlined(marks.hits, (i) => colour[i]);
    outlined(marks.selected, (i) => colour[i]);
    context.putImageData(image, 0, 0);
    context.save();
    context.scale(dpr, dpr);
    const at = (i: number): [number, number] => toScreen(xy[2 * i], xy[2 * i + 1]);
    if (marks.primary >= 0 && marks.primary < xy.length / 2) {
      const [x, y] = at(marks.primary);
      context.strokeStyle = 'rgba(28,28,28,0.55)';
      context.lineWidth = 1.25;
      context.beginPath();
      for (const j of marks.neighbours) {
        const [u, v] = at(j);
        context.moveTo(x, y);
        context.lineTo(u, v);
      }
      context.stroke();
      context.strokeStyle = '#000';
      context.lineWidth = 2;
      context.beginPath();
      context.arc(x, y, 8, 0, 2 * Math.PI);
      context.stroke();
    }
    context.strokeStyle = '#2f5f98';
    context.fillStyle = 'rgba(47,95,152,0.08)';
    context.lineWidth = 1.5;
    if (overlay.box) {
      const [x0, y0, x1, y1] = overlay.box;
      context.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
      context.strokeRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    }
    if (overlay.lasso && overlay.lasso.length >= 4) {
      const l = overlay.lasso;
      context.beginPath();
      context.moveTo(l[0], l[1]);
      for (let k = 2; k < l.length; k += 2) context.lineTo(l[k], l[k + 1]);
      context.closePath();
      context.fill();
      context.stroke();
    }
    context.restore();
    lastDrawMs = performance.now() - started;
  }

  function toData(px: number, py: number): [number, number] {
    return [camera.cx + (px - width / 2) / camera.scale, camera.cy - (py - height / 2) / camera.scale];
  }

  function toScreen(x: number, y: number): [number, number] {
    return [width / 2 + (x - camera.cx) * camera.scale, height / 2 - (y - camera.cy) * camera.scale];
  }

  function pick(px: number, py: number, radius: number): number {
    const [x, y] = toData(px, py);
    const limit = (radius / camera.scale) ** 2;
    let best = -1, bestD = limit;
    // Last drawn is on top: prefer it on ties.
    for (let k = order.length - 1; k >= 0; k--) {
      const i = order[k];
      const dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y;
      const d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  function inRect(x0: number, y0: number, x1: number, y1: number): Int32Array {
    const [ax, ay] = toData(Math.min(x0, x1), Math.max(y0, y1));
    const [bx, by] = toData(Math.max(x0, x1), Math.min(y0, y1));
    const out: number[] = [];
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const x = xy[2 * i], y = xy[2 * i + 1];
      if (x >= ax && x <= bx && y >= ay && y <= by) out.push(i);
    }
    return Int32Array.from(out).sort();
  }

  function inPolygon(points: number[]): Int32Array {
    const m = points.length / 2;
    if (m < 3) return new Int32Array(0);
    const poly = new Float64Array(points.length);
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let k = 0; k < m; k++) {
      const [x, y] = toData(points[2 * k], points[2 * k + 1]);
      poly[2 * k] = x;
      poly[2 * k + 1] = y;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
    const out: number[] = [];
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const x = xy[2 * i], y = xy[2 * i + 1];
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      let inside = false;
      for (let a = 0, b = m - 1; a < m; b = a++) {
        const ya = poly[2 * a + 1], yb = poly[2 * b + 1];
        if ((ya > y) !== (yb > y) && x < ((poly[2 * b] - poly[2 * a]) * (y - ya)) / (yb - ya) + poly[2 * a]) inside = !inside;
      }
      if (inside) out.push(i);
    }
    return Int32Array.from(out).sort();
  }

  return {
    canvas,
    setPoints(nextXy, c, f, o) {
      xy = nextXy;
      colour = c;
      faded = f;
      order = o;
      setMarks({ hits: null, selected: new Int32Array(0), primary: -1, neighbours: new Int32Array(0) });
    },
    setColours(c, f, o) {
      colour = c;
      faded = f;
      order = o;
    },
    setMarks,
    setOverlay(next) {
      overlay = next;
    },
    get camera() {
      return { ...camera };
    },
    set camera(c) {
      camera = { ...c };
    },
    fitCamera,
    resize,
    draw,
    toData,
    toScreen,
    pick,
    inRect,
    inPolygon,
    get lastDrawMs() {
      return lastDrawMs;
    },
    get size() {
      return { width, height };
    },
  };
}
