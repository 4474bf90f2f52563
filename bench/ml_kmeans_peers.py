"""K-Means peer for bench/ml-kmeans.ts: sklearn KMeans on a raw float64 row-major file.

usage: ml_kmeans_peers.py FILE ROWS COLS K N_INIT SEED  -> one JSON line {inertia, seconds, cpu_seconds, n_iter}
Needs python3-sklearn (apt-get install -y python3-sklearn).
"""
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

path, rows, cols, k, n_init, seed = sys.argv[1], *map(int, sys.argv[2:7])
X = np.fromfile(path, dtype=np.float64).reshape(rows, cols)
t0, c0 = time.perf_counter(), time.process_time()
m = KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(X)
print(json.dumps({
    "inertia": float(m.inertia_),
    "seconds": time.perf_counter() - t0,
    "cpu_seconds": time.process_time() - c0,
    "n_iter": int(m.n_iter_),
}))
