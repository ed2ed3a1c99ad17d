#!/usr/bin/env python3
"""Peer measurement for `ak bench svm`: scikit-learn's SVC on a precomputed kernel (LIBSVM's SMO).

Reads a problem folder written by `ak bench svm` (train.npy: the scaled n x n training Gram matrix,
test.npy: the m x n cross-kernel K(test, train), train-labels.npy, test-labels.npy), fits
SVC(kernel='precomputed', C=1e10) -- LIBSVM's SMO with second-order working-set selection,
shrinking and a kernel cache, the hard-margin SVM a researcher would reach for -- and prints one
JSON object on stdout: the fit's seconds (the conversion to float64 that SVC needs is timed
apart), SMO steps, support vectors, the test error and the training margin.

SVC fits a bias b (f(x) = w.x + b), which the paper's SVM has not, so its margin and support set
answer a slightly different problem; compare times, and the errors only as a sanity check.

Optional: afterkernel never depends on scikit-learn. Where it cannot be imported this prints
{"available": false, "reason": ...} and exits 0 (Debian: apt-get install python3-sklearn).
"""

import argparse
import json
import os
import sys
import time


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--problem", required=True, help="a problem folder written by ak bench svm")
    p.add_argument("--C", type=float, default=1e10)
    p.add_argument("--tol", type=float, default=1e-3, help="LIBSVM's stopping tolerance (its default 1e-3)")
    p.add_argument("--cache-mb", type=float, default=200.0, help="LIBSVM's kernel cache (sklearn's default 200)")
    a = p.parse_args(argv)
    try:
        import numpy as np
        import sklearn
        from sklearn.svm import SVC
    except Exception as e:  # noqa: BLE001 - any import failure means the peer is absent
        print(json.dumps({"available": False, "reason": "cannot import scikit-learn: %s" % e}))
        return 0
    d = a.problem
    t0 = time.perf_counter()
    k = np.load(os.path.join(d, "train.npy"))
    kt = np.load(os.path.join(d, "test.npy"))
    y = np.load(os.path.join(d, "train-labels.npy")).astype(np.int64)
    yt = np.load(os.path.join(d, "test-labels.npy")).astype(np.int64)
    if k.shape[0] != k.shape[1]:
        print(json.dumps({"available": False, "reason": "%s holds features, not a Gram matrix" % d}))
        return 0
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    k64 = np.ascontiguousarray(k, dtype=np.float64)
    kt64 = np.ascontiguousarray(kt, dtype=np.float64)
    convert = time.perf_counter() - t0
    svc = SVC(kernel="precomputed", C=a.C, tol=a.tol, cache_size=a.cache_mb)
    t0 = time.perf_counter()
    svc.fit(k64, y)
    fit = time.perf_counter() - t0
    pred = svc.predict(kt64)
    err = float(np.mean(pred != yt))
    sv = svc.support_
    dc = svc.dual_coef_.ravel()
    wnorm = float(np.sqrt(max(0.0, dc @ k64[np.ix_(sv, sv)] @ dc)))
    s = np.where(y == svc.classes_[1], 1.0, -1.0)
    f = k64[:, sv] @ dc + svc.intercept_[0]
    margin = float(np.min(s * f) / wnorm) if wnorm > 0 else 0.0
    out = {
        "available": True,
        "peer": "scikit-learn SVC(kernel='precomputed', C=%g, tol=%g)" % (a.C, a.tol),
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "loadSeconds": load,
        "convertSeconds": convert,
        "fitSeconds": fit,
        "iterations": int(np.sum(getattr(svc, "n_iter_", [0]))),
        "supportVectors": int(len(sv)),
        "testError": err,
        "marginWithBias": margin,
        "intercept": float(svc.intercept_[0]),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
