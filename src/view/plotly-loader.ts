// Plotly is 5 MB: load it on first chart so the first paint does not wait.
type PlotlyModule = typeof import('plotly.js-strict-dist-min').default;

let loading: Promise<PlotlyModule> | undefined;

export function loadPlotly(): Promise<PlotlyModule> {
  loading ??= import('plotly.js-strict-dist-min').then((m) => (m.default ?? m) as PlotlyModule);
  return loading;
}
