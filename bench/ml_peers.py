"""Python peers for `npm run bench:ml`: prints one JSON document on stdout.

Usage: python3 bench/ml_peers.py DATA.csv [--only xgboost,hgb,logreg,cart,mlp]
Needs: apt-get install -y python3-sklearn python3-xgboost python3-pandas

The folds are StratifiedKFold(5, shuffle=True, random_state=42) as the issue prescribes; the fold
number of every row is printed too, so the TypeScript side trains on exactly the same folds.
"""
import json
import sys
import time

try:
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import StratifiedKFold
    from sklearn.metrics import roc_auc_score, log_loss
    from sklearn.preprocessing import StandardScaler
except ImportError as e:  # pragma: no cover
    print(json.dumps({"error": f"missing python package: {e.name}; install with: "
                      "apt-get install -y python3-sklearn python3-xgboost python3-pandas"}))
    sys.exit(0)

path = sys.argv[1]
only = None
if "--only" in sys.argv:
    only = set(sys.argv[sys.argv.index("--only") + 1].split(","))

df = pd.read_csv(path, sep=";")
y = (df["y"] == "yes").astype(int).to_numpy()
X = pd.get_dummies(df.drop(columns=["y", "duration"]), dtype=float).to_numpy()

skf = StratifiedKFold(5, shuffle=True, random_state=42)
fold_of = np.zeros(len(y), dtype=int)
splits = list(skf.split(X, y))
for k, (_, te) in enumerate(splits):
    fold_of[te] = k


def run(make, scale=False):
    aucs, lls, fit_s, cpu_s = [], [], 0.0, 0.0
    for tr, te in splits:
        Xtr, Xte = X[tr], X[te]
        if scale:
            sc = StandardScaler().fit(Xtr)
            Xtr, Xte = sc.transform(Xtr), sc.transform(Xte)
        m = make()
        t, c = time.perf_counter(), time.process_time()
        m.fit(Xtr, y[tr])
        fit_s += time.perf_counter() - t
        cpu_s += time.process_time() - c  # all threads of the process
        p = m.predict_proba(Xte)[:, 1]
        aucs.append(roc_auc_score(y[te], p))
        lls.append(log_loss(y[te], np.clip(p, 1e-15, 1 - 1e-15)))
    return {"auc": float(np.mean(aucs)), "auc_std": float(np.std(aucs)),
            "logloss": float(np.mean(lls)), "fit_seconds": fit_s, "fit_cpu_seconds": cpu_s}


out = {"rows": int(len(y)), "features": int(X.shape[1]), "folds": fold_of.tolist(), "models": {}}


def want(name):
    return only is None or name in only


if want("xgboost"):
    try:
        from xgboost import XGBClassifier
        out["models"]["xgboost"] = run(lambda: XGBClassifier(
            tree_method="hist", n_estimators=300, learning_rate=0.05, max_depth=6,
            subsample=0.8, colsample_bytree=0.8, n_jobs=2, random_state=42))
    except ImportError:
        out["models"]["xgboost"] = {"error": "apt-get install -y python3-xgboost"}
if want("hgb"):
    from sklearn.ensemble import HistGradientBoostingClassifier
    out["models"]["hgb"] = run(lambda: HistGradientBoostingClassifier(random_state=42))
if want("logreg"):
    from sklearn.linear_model import LogisticRegression
    out["models"]["logreg"] = run(lambda: LogisticRegression(solver="lbfgs", max_iter=1000), scale=True)
if want("cart"):
    from sklearn.tree import DecisionTreeClassifier
    out["models"]["cart"] = run(lambda: DecisionTreeClassifier(max_depth=8, min_samples_leaf=20, random_state=42))
if want("mlp"):
    from sklearn.neural_network import MLPClassifier
    out["models"]["mlp"] = run(lambda: MLPClassifier(
        hidden_layer_sizes=(64, 32), batch_size=256, learning_rate_init=1e-3, max_iter=50,
        early_stopping=True, n_iter_no_change=5, random_state=42), scale=True)

print(json.dumps(out))
