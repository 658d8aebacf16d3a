"""Reference keyphrase extractors scored beside duolex: YAKE and TF-IDF.

Both return {doc id: [keyphrases, best first]} for a list of gold documents
({"id", "lang", "text"}), so that the same scorer (score_kw.py) judges them.

- YAKE (Campos et al. 2020), the `yake` package from PyPI as released
  (0.7.x): `KeywordExtractor(lan=<language>, n=3, top=10)`, its default
  de-duplication, one document at a time.
- TF-IDF over 1–3-grams, scikit-learn's `TfidfVectorizer` (smoothed idf,
  l2 norm, its defaults) fitted on the whole set, with an analyzer that
  makes the candidates a reader would accept: words as written (lowercase),
  n-grams inside a stretch of text between punctuation, no stop word at
  either edge (YAKE's stop list of the language, which ships with the yake
  package), an elided article kept glued to its word (`d'information`).
  The top 10 n-grams of each document's row, ties by n-gram.

Results are cached under .cache/eval/out/ by a digest of the gold texts and
of this file, since neither tool depends on duolex.
"""
import hashlib
import json
import os
import re

# A word: letters (and digits) with inner hyphens; an elided article (`l'`,
# `qu'`) is its own token; anything else between words is punctuation
# unless it is white space.
TOKEN = re.compile(r"(?i)\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=\w)|[^\W_]+(?:[-'][^\W_]+)*|[^\w\s]+")


def _stop_words(lang):
    import yake

    path = os.path.join(os.path.dirname(yake.__file__), "core", "StopwordsList", f"stopwords_{lang}.txt")
    with open(path, encoding="utf-8", errors="replace") as f:
        return {w.strip().lower() for w in f if w.strip()}


def _analyzer(stops):
    def grams(text):
        text = text.replace("\u2019", "'").lower()
        out, chunk = [], []

        def flush():
            # An elided article does not count towards the three words.
            for i in range(len(chunk)):
                words = 0
                for j in range(i, len(chunk)):
                    words += not chunk[j].endswith("'")
                    if words > 3:
                        break
                    part = chunk[i:j + 1]
                    if part[0].endswith("'") or part[-1].endswith("'"):
                        continue
                    if part[0] in stops or part[-1] in stops:
                        continue
                    if j == i and not any(c.isalpha() for c in part[0]):
                        continue
                    s = ""
                    for w in part:
                        s += w if not s or s.endswith("'") else " " + w
                    out.append(s)
            chunk.clear()

        for m in TOKEN.finditer(text):
            t = m.group(0)
            if t[0].isalnum() or t.endswith("'"):
                chunk.append(t)
            else:
                flush()
        flush()
        return out

    return grams


def tfidf(gold):
    from sklearn.feature_extraction.text import TfidfVectorizer

    lang = gold[0].get("lang", "en")
    vec = TfidfVectorizer(analyzer=_analyzer(_stop_words(lang)), lowercase=False)
    m = vec.fit_transform([g["text"] for g in gold]).tocsr()
    names = vec.get_feature_names_out()
    preds = {}
    for row, g in enumerate(gold):
        lo, hi = m.indptr[row], m.indptr[row + 1]
        pairs = sorted(zip(m.data[lo:hi], m.indices[lo:hi]), key=lambda p: (-p[0], names[p[1]]))
        preds[str(g["id"])] = [names[j] for _, j in pairs[:10]]
    return preds


def yake_kw(gold):
    import yake

    lang = gold[0].get("lang", "en")
    ex = yake.KeywordExtractor(lan=lang, n=3, top=10)
    return {str(g["id"]): [k for k, _ in ex.extract_keywords(g["text"])] for g in gold}


def cached(name, fn, gold, cache):
    """fn(gold), kept in CACHE/eval/out/baseline_<name>_<digest>.json."""
    h = hashlib.sha256()
    with open(__file__, "rb") as f:
        h.update(f.read())
    for g in gold:
        h.update(json.dumps([g["id"], g["text"]], ensure_ascii=False).encode())
    path = os.path.join(cache, "eval", "out", f"baseline_{name}_{h.hexdigest()[:12]}.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    preds = fn(gold)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(preds, f, ensure_ascii=False)
    return preds


BASELINES = {"YAKE": yake_kw, "TF-IDF": tfidf}
