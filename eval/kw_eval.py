#!/usr/bin/env python3
"""Keyphrase rows of `make eval` only, with a two-fold check.

usage: kw_eval.py [--duolex CMD] [--shared DIR] [--cache DIR] [--corpus NAME ...]
                  [--separate] [--save TAG] [--baselines]

Writes each gold document to .cache/eval/kw/<corpus>/<id>.txt (as evaluate.py
does), runs `duolex keywords FILES… --top 10 --format jsonl` once over the
whole corpus, joins a document's languages (main language first, as duolex
prints them) and scores with score_kw.py: all documents, then the odd and the
even documents (fold A = ids at even positions of the gold file, fold B = odd
positions). With --separate each fold is also ranked as a corpus of its own
(document frequencies from that half only), which checks the behaviour on a
smaller corpus. Each corpus is scored in its own language (score_kw.py
--lang, which only changes the stemmed column). With --baselines, YAKE and
TF-IDF over 1–3-grams (see kw_baselines.py) are scored the same way. Needs
nltk, and yake and scikit-learn for --baselines (use .cache/venv/bin/python).
"""
import argparse
import json
import os
import shlex
import subprocess
import tempfile

from evaluate import run_scorer, write_docs  # same folder


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def predict(duolex, paths):
    """{doc id: [keywords, main language first]} from one duolex run."""
    cmd = shlex.split(duolex) + ["keywords", *paths, "--top", "10", "--format", "jsonl"]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit(f"duolex failed: {r.stderr[-500:]}")
    preds = {}
    for line in r.stdout.splitlines():
        if not line.strip():
            continue
        o = json.loads(line)
        stem = os.path.splitext(os.path.basename(o["path"]))[0]
        preds.setdefault(stem, []).extend(k["keyword"] for k in o["keywords"])
    return preds


def score(scorer, preds, gold, tmpdir, name):
    lang = gold[0].get("lang", "en") if gold else "en"
    gp = os.path.join(tmpdir, f"{name}_gold.jsonl")
    pp = os.path.join(tmpdir, f"{name}_pred.jsonl")
    with open(gp, "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    with open(pp, "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps({"id": g["id"], "keywords": preds.get(str(g["id"]), [])},
                               ensure_ascii=False) + "\n")
    return run_scorer(scorer, pp, gp, "--lang", lang)


def fmt(res):
    return (f"exact F1@10 {res['exact@10']['F1']:.4f}  stemmed F1@10 {res['stemmed@10']['F1']:.4f}  "
            f"exact F1@5 {res['exact@5']['F1']:.4f}")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--duolex", default=os.path.join(root, "target", "release", "duolex"))
    ap.add_argument("--shared", default=os.environ.get("SHARED_EVAL", os.path.join(root, "..", "shared", "eval")))
    ap.add_argument("--cache", default=os.path.join(root, ".cache"))
    ap.add_argument("--corpus", nargs="*", default=["kpcrowd_en", "inspec_en", "taln_fr"])
    ap.add_argument("--separate", action="store_true")
    ap.add_argument("--save", help="keep the predictions as .cache/eval/out/kw_<corpus>_<TAG>.jsonl")
    ap.add_argument("--baselines", action="store_true", help="also score YAKE and TF-IDF")
    args = ap.parse_args()
    scorer = os.path.join(args.shared, "score_kw.py")
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in args.corpus:
            gold = load(os.path.join(args.shared, "keywords", f"{corpus}.jsonl"))
            paths = write_docs(gold, os.path.join(args.cache, "eval", "kw", corpus))
            preds = predict(args.duolex, paths)
            if args.save:
                out = os.path.join(args.cache, "eval", "out")
                os.makedirs(out, exist_ok=True)
                with open(os.path.join(out, f"kw_{corpus}_{args.save}.jsonl"), "w", encoding="utf-8") as f:
                    for g in gold:
                        f.write(json.dumps({"id": g["id"], "keywords": preds.get(str(g["id"]), [])},
                                           ensure_ascii=False) + "\n")
            folds = {"A": gold[0::2], "B": gold[1::2]}
            print(f"{corpus:11s} all    {fmt(score(scorer, preds, gold, tmp, corpus))}")
            for name, part in folds.items():
                print(f"{corpus:11s} fold {name} {fmt(score(scorer, preds, part, tmp, corpus + name))}")
            if args.baselines:
                from kw_baselines import BASELINES, cached

                for tool, fn in BASELINES.items():
                    bp = cached(f"{tool.lower()}_{corpus}", fn, gold, args.cache)
                    line = f"{corpus:11s} {tool:6s} all {fmt(score(scorer, bp, gold, tmp, corpus + tool))}"
                    halves = [score(scorer, bp, part, tmp, corpus + tool + n)["exact@10"]["F1"]
                              for n, part in folds.items()]
                    print(f"{line}  halves {halves[0]:.4f} / {halves[1]:.4f}")
            if args.separate:
                for name, part in folds.items():
                    pp = [paths[i] for i in range(len(gold)) if (i % 2 == 0) == (name == "A")]
                    sp = predict(args.duolex, pp)
                    print(f"{corpus:11s} sep {name}  {fmt(score(scorer, sp, part, tmp, corpus + 's' + name))}")


if __name__ == "__main__":
    main()
