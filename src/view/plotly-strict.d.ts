// The strict build of plotly.js (no Function constructor, so the page's
// Content-Security-Policy can forbid eval) ships without types; this is the
// part of its API the view uses.
declare module 'plotly.js-strict-dist-min' {
  export type Data = Record<string, unknown>;
  export type Layout = Record<string, unknown>;
  export type Config = Record<string, unknown>;
  export interface PlotlyHTMLElement extends HTMLElement {
    on(event: string, handler: (event: any) => void): void;
    removeAllListeners?(event: string): void;
  }
  export function newPlot(root: HTMLElement, data: Data[], layout?: Layout, config?: Config): Promise<PlotlyHTMLElement>;
  export function react(root: HTMLElement, data: Data[], layout?: Layout, config?: Config): Promise<PlotlyHTMLElement>;
  export function restyle(root: HTMLElement, update: Record<string, unknown>, traces?: number[]): Promise<PlotlyHTMLElement>;
  export function extendTraces(root: HTMLElement, update: Record<string, unknown[][]>, traces: number[], max?: number): Promise<PlotlyHTMLElement>;
  export function purge(root: HTMLElement): void;
  export const Plots: { resize(root: HTMLElement): Promise<void> };
  const Plotly: {
    newPlot: typeof newPlot;
    react: typeof react;
    restyle: typeof restyle;
    extendTraces: typeof extendTraces;
    purge: typeof purge;
    Plots: typeof Plots;
  };
  export default Plotly;
}
