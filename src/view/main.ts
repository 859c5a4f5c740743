// Composition root: the studio with its trainer and the bundled sample.
import './styles.css';
import { startStudio, type Trainer } from './studio.ts';
import { ensureIsolation } from './isolation.ts';

const trainer: Trainer = {
  plan: (requested) => ({
    threads: globalThis.crossOriginIsolated ? requested : 1,
    note: globalThis.crossOriginIsolated ? null : 'This page is not cross-origin isolated, so training runs on one thread. Serve it with COOP/COEP headers (npm run preview does) or enable the bundled service worker; see docs/hosting.md.',
  }),
  train: () => Promise.reject(new Error('Training is not on main yet (issue 4)')),
};

const root = document.querySelector<HTMLElement>('#app')!;
// The dev server sends the headers itself; a service worker there would cache modules under development.
const isolation = import.meta.env.PROD ? await ensureIsolation() : 'isolated';
if (isolation !== 'reloading') startStudio(root, {
  trainer,
  sample: {
    trace: () => Promise.reject(new Error('The bundled sample is not on main yet (issue 3)')),
    labels: () => Promise.reject(new Error('The bundled sample is not on main yet (issue 3)')),
  },
  dictionary: '{}',
});
