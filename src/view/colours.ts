// Colours for the map and the charts. A categorical palette of 50 colours that
// never repeats within a view and has no grey (grey means "unknown"), picked
// once, greedily, for the largest distance in OKLab from the ones before it;
// and perceptual gradients for numeric columns and for categories past 50.

export const UNKNOWN_GREY = '#b9bfc7';
export const CATEGORICAL_LIMIT = 50;

/** Tableau 10 without its grey: the first colours an analyst sees are the familiar ones. */
const SEED = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf'];

type Lab = [number, number, number];

function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function linearToSrgb(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function rgbToHex(r: number, g: number, b: number): string {
  const c = (x: number) => Math.round(Math.max(0, Math.min(255, x))).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** sRGB hex to OKLab (Björn Ottosson's matrices). */
export function oklab(hex: string): Lab {
  const [r, g, b] = hexToRgb(hex).map((x) => srgbToLinear(x / 255));
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** OKLCH to hex, or null outside the sRGB gamut. */
function oklchToHex(L: number, C: number, hue: number): string | null {
  const a = C * Math.cos(hue), b = C * Math.sin(hue);
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const rgb = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  if (rgb.some((c) => c < -1e-4 || c > 1 + 1e-4)) return null;
  const [r, g, bb] = rgb.map((c) => linearToSrgb(Math.max(0, Math.min(1, c))) * 255);
  return rgbToHex(r, g, bb);
}

export function chroma(hex: string): number {
  const [, a, b] = oklab(hex);
  return Math.hypot(a, b);
}

export function labDistance(x: string, y: string): number {
  const p = oklab(x), q = oklab(y);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

function buildPalette(size: number): string[] {
  // Candidates: saturated colours readable on white (not too light), none near grey.
  const candidates: string[] = [];
  for (const L of [0.45, 0.55, 0.65, 0.75]) {
    for (const C of [0.1, 0.14, 0.18]) {
      for (let h = 0; h < 360; h += 6) {
        const hex = oklchToHex(L, C, (h * Math.PI) / 180);
        if (hex) candidates.push(hex);
      }
    }
  }
  const grey = oklab(UNKNOWN_GREY);
  const chosen = [...SEED];
  const labs = chosen.map(oklab);
  const nearest = candidates.map((c) => {
    const p = oklab(c);
    let d = Math.hypot(p[0] - grey[0], p[1] - grey[1], p[2] - grey[2]);
    for (const q of labs) d = Math.min(d, Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
    return d;
  });
  while (chosen.length < size) {
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (nearest[i] > nearest[best]) best = i;
    const hex = candidates[best];
    chosen.push(hex);
    const p = oklab(hex);
    candidates.forEach((c, i) => {
      const q = oklab(c);
      nearest[i] = Math.min(nearest[i], Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
    });
  }
  return chosen;
}

/** 50 distinct colours, none grey. */
export const PALETTE: readonly string[] = buildPalette(CATEGORICAL_LIMIT);

/** Viridis, sampled (matplotlib's): for magnitudes, readable in grey print. */
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
/** Red-white-blue, for values around zero (silhouette). */
const RDBU = ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#e8e8e8', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'];

export type GradientName = 'viridis' | 'diverging';

export const GRADIENTS: Record<GradientName, readonly string[]> = { viridis: VIRIDIS, diverging: RDBU };

/** The gradient's colour at t in [0, 1], as [r, g, b]. */
export function gradientRgb(name: GradientName, t: number): [number, number, number] {
  const stops = GRADIENTS[name];
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(stops[i]), b = hexToRgb(stops[i + 1]);
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** CSS for a legend bar of the gradient. */
export function gradientCss(name: GradientName): string {
  return `linear-gradient(to right, ${GRADIENTS[name].join(', ')})`;
}

/** A pixel of an ImageData's Uint32 view (little-endian: ABGR). */
export function packRgb(r: number, g: number, b: number, alpha = 255): number {
  return ((alpha << 24) | (Math.round(b) << 16) | (Math.round(g) << 8) | Math.round(r)) >>> 0;
}

export function packHex(hex: string): number {
  const [r, g, b] = hexToRgb(hex);
  return packRgb(r, g, b);
}
