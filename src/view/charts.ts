// Chart shapes the app uses, each with axis titles and units. Plotly is loaded
// on the first call. A chart is rendered with react() so updates (live loss
// curve, recolouring) reuse the plot instead of rebuilding it.
import { loadPlotly } from './plotly-loader.ts';
import type { Data, Layout, PlotlyHTMLElement } from 'plotly.js-strict-dist-min';

export interface AxisTitles {
  x: string;
  y: string;
}

const config = { responsive: true, displaylogo: false, scrollZoom: false, modeBarButtonsToRemove: ['toImage'] };

function baseLayout(title: string, axes: AxisTitles, extra: Layout = {}): Layout {
  return {
    title: { text: title, font: { size: 14 }, x: 0, xanchor: 'left', xref: 'paper' },
    margin: { l: 64, r: 16, t: 36, b: 56 },
    xaxis: { title: { text: axes.x }, automargin: true },
    yaxis: { title: { text: axes.y }, automargin: true },
    font: { family: 'system-ui, sans-serif', size: 12 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: '#fff',
    ...extra,
  };
}

// Plotly sizes a chart to its container when drawn: one drawn in a hidden tab
// gets a fixed 700 px and overflows its panel later. So a hidden chart is drawn
// when it first gets a width, and every drawn chart follows its container's size.
const waiting = new Map<HTMLElement, () => void>();
const drawn = new WeakSet<HTMLElement>();
let observer: ResizeObserver | undefined;

function watchSize(root: HTMLElement): void {
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const target = entry.target as HTMLElement;
      if (entry.contentRect.width === 0) continue;
      const draw = waiting.get(target);
      if (draw) {
        waiting.delete(target);
        draw();
      } else if (drawn.has(target)) void loadPlotly().then((Plotly) => Plotly.Plots.resize(target));
    }
  });
  observer.observe(root);
}

export async function plot(root: HTMLElement, data: Data[], layout: Layout): Promise<PlotlyHTMLElement> {
  const Plotly = await loadPlotly();
  root.classList.add('chart');
  watchSize(root);
  if (root.clientWidth === 0) {
    return new Promise((resolve, reject) => {
      waiting.set(root, () => {
        Plotly.react(root, data, layout, config).then((element) => {
          drawn.add(root);
          resolve(element);
        }, reject);
      });
    });
  }
  waiting.delete(root);
  const element = await Plotly.react(root, data, layout, config);
  drawn.add(root);
  return element;
}

export function barChart(
  root: HTMLElement,
  title: string,
  axes: AxisTitles,
  x: ArrayLike<number | string>,
  y: ArrayLike<number>,
  options: { categoricalX?: boolean; logY?: boolean } = {},
): Promise<PlotlyHTMLElement> {
  return plot(root, [{ type: 'bar', x: Array.from(x, (v) => (typeof v === 'string' ? plotText(v) : v)), y: Array.from(y), marker: { color: '#3b6ea8' } }], baseLayout(title, axes, {
    xaxis: { title: { text: axes.x }, type: options.categoricalX ? 'category' : undefined, automargin: true },
    // Counts: the axis starts at zero, never below.
    yaxis: { title: { text: axes.y }, type: options.logY ? 'log' : undefined, automargin: true, rangemode: 'tozero' },
    bargap: 0.1,
  }));
}

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  step?: boolean;
}

export function lineChart(
  root: HTMLElement,
  title: string,
  axes: AxisTitles,
  series: Series[],
  options: { logX?: boolean; logY?: boolean; markers?: boolean; y2?: Series; mark?: { x: number; text: string }; countY?: boolean; reference?: { y: number; text: string }; wholeX?: [number, number] } = {},
): Promise<PlotlyHTMLElement> {
  const data: Data[] = series.map((s) => ({
    type: 'scatter',
    mode: options.markers ? 'lines+markers' : 'lines',
    name: plotText(s.name),
    x: Array.from(s.x),
    y: Array.from(s.y),
    line: { shape: s.step ? 'hv' : 'linear' },
  }));
  const extra: Layout = {
    xaxis: {
      title: { text: axes.x }, type: options.logX ? 'log' : undefined, automargin: true,
      // Whole numbers (epochs): the range given, a tick per unit up to 30.
      ...(options.wholeX && { range: options.wholeX, tickformat: 'd', dtick: options.wholeX[1] - options.wholeX[0] <= 31 ? 1 : undefined }),
    },
    yaxis: { title: { text: axes.y }, type: options.logY ? 'log' : undefined, automargin: true, rangemode: options.countY ? 'tozero' : undefined },
    showlegend: series.length > 1 || options.y2 !== undefined,
    // Above the plot, right of the title: clear of the axis titles.
    legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.02, yanchor: 'bottom', bgcolor: 'rgba(255,255,255,0)' },
    margin: { l: 64, r: options.y2 ? 64 : 16, t: 56, b: 56 },
  };
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  if (options.mark) {
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: options.mark.x, x1: options.mark.x, y0: 0, y1: 1, line: { color: '#a3221b', width: 1.5, dash: 'dot' } });
    annotations.push({ xref: 'x', yref: 'paper', x: options.mark.x, y: 1, yanchor: 'top', xanchor: 'left', text: plotText(options.mark.text), showarrow: false, font: { color: '#a3221b', size: 12 }, bgcolor: 'rgba(255,255,255,0.8)' });
  }
  if (options.reference) {
    shapes.push({ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: options.reference.y, y1: options.reference.y, line: { color: '#5b6676', width: 1, dash: 'dash' } });
    annotations.push({ xref: 'paper', yref: 'y', x: 0, y: options.reference.y, yanchor: 'bottom', xanchor: 'left', text: plotText(options.reference.text), showarrow: false, font: { color: '#5b6676', size: 11 } });
  }
  if (shapes.length) {
    extra.shapes = shapes;
    extra.annotations = annotations;
  }
  if (options.y2) {
    data.push({
      type: 'scatter', mode: 'lines+markers', name: options.y2.name, x: Array.from(options.y2.x), y: Array.from(options.y2.y), yaxis: 'y2',
    });
    // A count: from zero up, whole numbers.
    extra.yaxis2 = { title: { text: options.y2.name }, overlaying: 'y', side: 'right', automargin: true, rangemode: 'tozero', tickformat: 'd', showgrid: false, tickmode: 'auto', nticks: 6 } as Layout['yaxis'];
  }
  return plot(root, data, baseLayout(title, axes, extra));
}

export function heatmap(
  root: HTMLElement,
  title: string,
  axes: AxisTitles,
  rows: string[],
  columns: string[],
  z: number[][],
): Promise<PlotlyHTMLElement> {
  // Positions on the axes, names as (shortened) tick text: long labels must not squash the matrix.
  const short = (s: string) => plotText(s.length > 24 ? `${s.slice(0, 23)}…` : s);
  const xs = columns.map((_, i) => i);
  const ys = rows.map((_, i) => i);
  const hover = rows.map((r) => columns.map((c) => `true ${plotText(r)}<br>predicted ${plotText(c)}`));
  return plot(root, [{
    type: 'heatmap', x: xs, y: ys, z, text: hover, colorscale: 'Blues', reversescale: true, hoverongaps: false,
    colorbar: { title: { text: 'senders' } },
    texttemplate: '%{z}', hovertemplate: '%{text}<br>%{z} senders<extra></extra>',
  }], baseLayout(title, axes, {
    xaxis: { title: { text: axes.x }, tickvals: xs, ticktext: columns.map(short), automargin: true },
    yaxis: { title: { text: axes.y, standoff: 12 }, tickvals: ys, ticktext: rows.map(short), autorange: 'reversed', automargin: true },
  }));
}

/**
 * Plotly reads a subset of HTML in text (hover labels, tick labels, legends).
 * User strings go through this so markup in a label is shown, never parsed.
 */
export function plotText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

