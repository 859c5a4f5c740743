// The first screen, for a classroom: what a darknet is, what the page does
// with the bundled sample, and one button that runs it with the paper's
// settings. Dismissed once, it stays away (kept in this browser only).
import { el } from './element.ts';

const DISMISSED = 'darkvec-welcome-dismissed';
const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (text) node.textContent = text;
  return node;
}

/** Senders on the left send to addresses nobody uses (the darknet, right); nothing answers. */
function picture(): SVGSVGElement {
  const root = svg('svg', { viewBox: '0 0 430 172', width: '100%', role: 'img', 'aria-label': 'Scanners on the Internet send packets to a block of unused addresses, the darknet, which records them and never answers' });
  root.append(svg('defs', {}));
  const marker = svg('marker', { id: 'welcome-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#5b6676' }));
  root.firstChild!.appendChild(marker);
  const senders = [['#1f77b4', 30], ['#ff7f0e', 62], ['#2ca02c', 94], ['#d62728', 126]] as const;
  root.append(svg('text', { x: 10, y: 14, 'font-size': 12, fill: '#1c2430' }, 'senders on the Internet'));
  for (const [colour, y] of senders) {
    root.append(svg('circle', { cx: 40, cy: y + 6, r: 9, fill: colour }));
    for (const ty of [40, 80, 120]) root.append(svg('line', { x1: 52, y1: y + 6, x2: 262, y2: ty + (y - 30) / 10, stroke: colour, 'stroke-width': 1, opacity: 0.5, 'marker-end': 'url(#welcome-arrow)' }));
  }
  root.append(svg('text', { x: 268, y: 14, 'font-size': 12, fill: '#1c2430' }, 'darknet: unused addresses'));
  for (let r = 0; r < 6; r++) for (let c = 0; c < 8; c++) root.append(svg('rect', { x: 268 + c * 18, y: 24 + r * 20, width: 14, height: 14, fill: '#e8f0fa', stroke: '#2f5f98', 'stroke-width': 0.8 }));
  root.append(svg('text', { x: 268, y: 152, 'font-size': 11, fill: '#5b6676' }, 'records every packet,'));
  root.append(svg('text', { x: 268, y: 166, 'font-size': 11, fill: '#5b6676' }, 'never answers'));
  return root;
}

export interface Welcome {
  readonly root: HTMLElement;
  dismiss(): void;
}

export function createWelcome(run: () => void): Welcome {
  const button = el('button', { type: 'button', class: 'primary', id: 'run-paper', text: 'Run the sample with the paper\'s settings' });
  const skip = el('button', { type: 'button', id: 'welcome-skip', text: 'Explore on my own' });
  const root = el('section', { id: 'welcome', class: 'welcome', 'aria-label': 'Welcome' },
    el('div', { class: 'welcome-text' },
      el('h2', { text: 'What this page does' }),
      el('p', { text: 'A darknet is a block of Internet addresses that nobody uses, so every packet that reaches it is unsolicited: scanners, botnets looking for victims, research projects, and the echoes of attacks elsewhere.' }),
      el('p', { text: 'The bundled sample is one day of such traffic (210,038 packets from a simulated /24 darknet); the page turns it into "sentences" of the senders that hit the same service in the same hour and learns a vector per sender from them, as word2vec learns words.' }),
      el('p', { text: 'Senders that act alike end up close together: you will see how well known scanners are recognised, which groups the senders form, and a map of them all, computed here in your browser, nothing sent anywhere.' }),
      el('div', { class: 'row' }, button, skip),
    ),
    el('div', { class: 'welcome-picture' }, picture()),
  );
  let dismissed = false;
  try {
    dismissed = localStorage.getItem(DISMISSED) === '1';
  } catch {
    // Storage refused (private mode): show it.
  }
  root.hidden = dismissed;
  const dismiss = () => {
    root.hidden = true;
    try {
      localStorage.setItem(DISMISSED, '1');
    } catch {
      // Nothing to keep it in.
    }
  };
  button.addEventListener('click', () => {
    dismiss();
    run();
  });
  skip.addEventListener('click', dismiss);
  return { root, dismiss };
}
