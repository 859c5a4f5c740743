// The analysis step's public API (method steps 6-8). Pure functions over typed
// arrays: they run the same in a worker, in the CLI and in the tests.
export { analyzeEmbedding, type AnalyzeOptions, type AnalysisResult, type AnalysisStage, type AnalysisProgress } from './analyze-embedding';
export { allKnn, truncateKnn, type KnnResult, type KnnOptions } from './knn';
export { approximateKnn, knnRecall, type ApproximateKnnOptions, type ApproximateKnnResult } from './approximate-knn';
export { nearestNeighbours, type NearestNeighboursOptions } from './nearest-neighbours';
export { classifyKnn, scorePredictions, type ClassificationReport, type ClassMetrics } from './classify';
export { labelsFromMap, labelName, UNKNOWN, NOT_ASSIGNED, type SenderLabels } from '../corpus/sender-labels';
export { buildKnnGraph, modularity, type KnnGraph } from './knn-graph';
export { louvainClusters, louvainOnGraph, modularityCurve, relabelBySize, type Clustering, type LouvainClustering, type ModularityCurve } from './louvain';
export { kmeansClusters, type KmeansClustering, type KmeansOptions } from './kmeans';
export { silhouetteSamples, summarizeSilhouette, ecdf, type SilhouetteSummary, type Ecdf } from './silhouette';
export { pcaProject, type PcaResult } from './pca';
export { umapProject, fuzzySimplicialSet, type UmapOptions, type UmapResult } from './umap';
export { summarizeClusters, activityPattern, activityPatterns, serviceName, type ClusterSummary, type ActivityPattern, type PortShare, type Share } from './summaries';
export { subnetOf } from './subnets';
export { nearestNeighboursOf, nearestNeighboursOfIndex, type SenderNeighbours } from './neighbours';
export { inThreadExecutor, type RowExecutor, type ProgressFn } from '../kernels/executor';
export { createKernelPool, createRowWorkerPool, type KernelPool, type RowWorkerPool, type KernelPort } from '../kernels/pool';
export { normalizeRows } from './normalize';
export { seededRandom } from './random';
export {
  createTracker, trackDay, trackParents, trackSuccessors, trackAbsorbed, trackHistory, trackStatusName, trackTotalDrift, topMovers,
  TRACKER_DEFAULTS, TRACK_STATUS,
  type TrackerParams, type TrackerState, type DayClustering, type TrackedDay, type TrackEvent, type TrackEventKind, type TrackStatus,
} from './tracks';
export {
  dailyClusterRows, dailyEventRows, dailyTrackRows, createTrackProfiles, addTrackProfiles,
  DAILY_CLUSTERS_HEADER, DAILY_EVENTS_HEADER, DAILY_TRACKS_HEADER, type TrackProfiles, type CsvRow,
} from './track-rows';
