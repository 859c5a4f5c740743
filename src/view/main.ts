// Composition root: the studio with the bundled sample and DKS dictionary.
import './styles.css';
import { startStudio } from './studio.ts';
import { ensureIsolation } from './isolation.ts';
import sampleTraceUrl from '../../samples/trace.csv.gz?url';
import sampleLabelsUrl from '../../samples/labels.csv?url';
import dictionary from '../corpus/dks-services.json?raw';

/** The sample ships inside the build (relative URL, so any sub-path works). */
async function bundled(url: string, name: string): Promise<{ blob: Blob; name: string }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status} from the site (is the build complete?)`);
  return { blob: await response.blob(), name };
}

const root = document.querySelector<HTMLElement>('#app')!;
// The dev server sends the headers itself; a service worker there would cache modules under development.
const isolation = import.meta.env.PROD ? await ensureIsolation() : 'isolated';
if (isolation !== 'reloading') {
  startStudio(root, {
    sample: {
      trace: () => bundled(sampleTraceUrl, 'sample trace.csv.gz'),
      labels: () => bundled(sampleLabelsUrl, 'sample labels.csv'),
    },
    dictionary,
  });
}
