// The page's one Comlink expose(): the method's steps over the data this
// worker holds (src/workers/app-api.ts). The page starts it twice: once as
// its session, once for the modularity curve and UMAP (terminated to cancel).
import { expose } from 'comlink';
import { createAppApi } from './app-api.ts';
import { browserHost } from './browser-host.ts';

expose(createAppApi(browserHost));
