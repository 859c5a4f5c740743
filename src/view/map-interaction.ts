// What the pointer and the keys do on the map: drag pans (or draws a box or
// a lasso, by the tool chosen), the wheel zooms about the pointer, a click
// picks the point under it (shift, ctrl or cmd adds to the selection), arrows
// pan, + and - zoom, 0 fits. Only events: the panel decides what a pick means.
import type { Scatter } from './scatter-canvas.ts';

export type MapTool = 'pan' | 'box' | 'lasso';

export interface MapGestures {
  /** A click on a point (-1: on empty space); add = shift, ctrl or cmd held. */
  picked(point: number, add: boolean): void;
  /** Points inside a box or lasso drawn. */
  enclosed(points: Int32Array, add: boolean): void;
  /** The pointer rests over a point (-1 none), at CSS pixels in the canvas. */
  hovered(point: number, x: number, y: number): void;
  /** The camera moved (pan or zoom). */
  moved(): void;
  redraw(): void;
}

const CLICK_SLOP = 4;
const PICK_RADIUS = 7;

export function attachGestures(scatter: Scatter, tool: () => MapTool, on: MapGestures): void {
  const canvas = scatter.canvas;
  let down: { x: number; y: number; id: number; moved: boolean; path: number[] } | null = null;

  const local = (event: PointerEvent | WheelEvent | MouseEvent): [number, number] => {
    const rect = canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };
  const adding = (event: PointerEvent | MouseEvent) => event.shiftKey || event.ctrlKey || event.metaKey;

  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const [x, y] = local(event);
    down = { x, y, id: event.pointerId, moved: false, path: [x, y] };
    try {
      canvas.setPointerCapture(event.pointerId);
    } catch {
      // A pointer the browser does not track (a synthetic event): drag without capture.
    }
    canvas.focus({ preventScroll: true });
  });

  canvas.addEventListener('pointermove', (event) => {
    const [x, y] = local(event);
    if (!down || down.id !== event.pointerId) {
      on.hovered(scatter.pick(x, y, PICK_RADIUS), x, y);
      return;
    }
    if (!down.moved && Math.hypot(x - down.x, y - down.y) < CLICK_SLOP) return;
    down.moved = true;
    on.hovered(-1, x, y);
    const t = tool();
    if (t === 'pan') {
      const last = down.path.slice(-2);
      const c = scatter.camera;
      scatter.camera = { ...c, cx: c.cx - (x - last[0]) / c.scale, cy: c.cy + (y - last[1]) / c.scale };
      down.path = [x, y];
      on.moved();
    } else if (t === 'box') {
      scatter.setOverlay({ box: [down.x, down.y, x, y] });
      on.redraw();
    } else {
      down.path.push(x, y);
      scatter.setOverlay({ lasso: down.path });
      on.redraw();
    }
  });

  const finish = (event: PointerEvent, cancelled: boolean) => {
    if (!down || down.id !== event.pointerId) return;
    const [x, y] = local(event);
    const d = down;
    down = null;
    scatter.setOverlay({});
    if (cancelled) { on.redraw(); return; }
    if (!d.moved) {
      on.picked(scatter.pick(x, y, PICK_RADIUS), adding(event));
      return;
    }
    const t = tool();
    if (t === 'box') on.enclosed(scatter.inRect(d.x, d.y, x, y), adding(event));
    else if (t === 'lasso') on.enclosed(scatter.inPolygon(d.path), adding(event));
    on.redraw();
  };
  canvas.addEventListener('pointerup', (event) => finish(event, false));
  canvas.addEventListener('pointercancel', (event) => finish(event, true));
  canvas.addEventListener('pointerleave', () => {
    if (!down) on.hovered(-1, 0, 0);
  });

  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const [x, y] = local(event);
    zoomAt(x, y, Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)));
  }, { passive: false });

  function zoomAt(x: number, y: number, factor: number): void {
    const [dx, dy] = scatter.toData(x, y);
    const c = scatter.camera;
    const scale = Math.min(1e9, Math.max(1e-9, c.scale * factor));
    // Keep the data point under the pointer where it is.
    scatter.camera = { scale, cx: dx - (x - scatter.size.width / 2) / scale, cy: dy + (y - scatter.size.height / 2) / scale };
    on.moved();
  }

  canvas.addEventListener('keydown', (event) => {
    const { width, height } = scatter.size;
    const c = scatter.camera;
    const step = (0.1 * Math.min(width, height)) / c.scale;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) {
      scatter.camera = { ...c, cx: c.cx + moves[event.key][0], cy: c.cy + moves[event.key][1] };
      on.moved();
    } else if (event.key === '+' || event.key === '=') zoomAt(width / 2, height / 2, 1.25);
    else if (event.key === '-') zoomAt(width / 2, height / 2, 0.8);
    else if (event.key === '0') {
      scatter.camera = scatter.fitCamera();
      on.moved();
    } else return;
    event.preventDefault();
  });
}
