#!/usr/bin/python3
"""scikit-learn side of bench/analyze.bench.ts: times all-kNN (brute, cosine)
and silhouette_samples (cosine) on vectors the TypeScript side wrote.

usage: analyze_sklearn.py VECTORS.f32 LABELS.i32 N DIM K OUT_PREFIX knn|silhouette [QUERIES]
Prints one JSON line: wall and CPU seconds (CPU summed over BLAS/joblib
threads); writes OUT_PREFIX.idx.i32 and OUT_PREFIX.sil.f32 so the caller can
compare answers. QUERIES < N searches the neighbours of the first QUERIES rows
only (against all N), for sizes where the full run would take too long.
"""
import json
import sys
import time

import numpy as np
from sklearn.metrics import silhouette_samples
from sklearn.neighbors import NearestNeighbors

vec_path, lab_path, n, dim, k, out, what = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
queries = int(sys.argv[8]) if len(sys.argv) > 8 else n
X = np.fromfile(vec_path, dtype=np.float32).reshape(n, dim)
labels = np.fromfile(lab_path, dtype=np.int32)
result = {}
if what in ('knn', 'both'):
    t, c = time.perf_counter(), time.process_time()
    nn = NearestNeighbors(n_neighbors=k + 1, algorithm='brute', metric='cosine', n_jobs=-1).fit(X)
    dist, idx = nn.kneighbors(X[:queries])
    result['knn'] = time.perf_counter() - t
    result['knnCpu'] = time.process_time() - c
    n = queries
    # Drop each row itself (the first hit, unless an exact duplicate came first).
    own = idx == np.arange(n)[:, None]
    keep = np.where(own.any(axis=1)[:, None], ~own, np.arange(k + 1)[None, :] < k)
    idx = idx[keep].reshape(n, k)
    idx.astype(np.int32).tofile(out + '.idx.i32')
if what in ('silhouette', 'both'):
    t, c = time.perf_counter(), time.process_time()
    s = silhouette_samples(X, labels, metric='cosine')
    result['silhouette'] = time.perf_counter() - t
    result['silhouetteCpu'] = time.process_time() - c
    s.astype(np.float32).tofile(out + '.sil.f32')
print(json.dumps(result))
