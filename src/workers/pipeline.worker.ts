// The one Comlink expose(): every heavy step of the page, each a small module.
import { expose } from 'comlink';
import type { PipelineApi } from './pipeline-types.ts';

const pending = (what: string, issue: number) => () => Promise.reject(new Error(`${what} is not on main yet (issue ${issue})`));

const api: PipelineApi = {
  previewTrace: pending('Trace preview', 2),
  ingestTrace: pending('Ingest', 2),
  generateDemoTrace: pending('The simulator', 3),
  analyze: pending('Analysis', 5),
  projectUmap: pending('UMAP', 5),
  activityPattern: pending('Activity patterns', 5),
  nearestNeighbours: pending('Nearest neighbours', 5),
};

expose(api);
export type { PipelineApi };
