#!/usr/bin/env python3
"""Run every `make eval` sub-evaluation against duolex and print one table.

Normally started by eval/run.sh, which builds the binary, prepares the venv
and the mixed set. Each sub-evaluation is independent: if it cannot run (a
subcommand not implemented yet, missing data, a crash), its row shows
`n/a (reason)` and the others still run. The script exits 0 once the table is
printed. Details (per style, per set, error samples) are printed above the
table and written under .cache/eval/out/.

Definitions (see also eval/README.md):
  letters           characters for which str.isalpha() is true; only letters
                    are scored, so spaces, digits, punctuation and quotation
                    marks never count for or against.
  predicted label   of a letter: the `lang` of the output segment whose byte
                    range [start, end) contains the letter's first byte; a
                    letter outside every segment is labelled "none".
  gold pieces       of a mixed document: each inserted passage sentence and
                    each body sentence; around an inline quote the host
                    sentence is cut into the part before and the part after
                    the quote. Pieces without letters are ignored.
  segment accuracy  share of gold pieces with >= 95 % of their letters
                    predicted in the piece's language.
  English-letter F1 over all letters of all mixed documents, English being
                    the positive class (a letter predicted "und"/"none" with
                    gold English is a false negative).
  inline quotes found  share of English quotes inside a French sentence
                    (style "inline", French body) with >= 90 % of their
                    letters predicted English.
"""
import argparse
import bisect
import json
import os
import shlex
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

KW_SETS = ["kpcrowd_en", "inspec_en", "taln_fr"]   # keyphrase sets scored
PIECE_OK = 0.95     # share of a piece's letters that must carry its language
QUOTE_FOUND = 0.90  # share of an inline quote's letters that must be English

LANGID_SETS = [  # (row label, file stem, target %)
    ("2–3 word fragments", "b_fragments", 92.0),
    ("single words", "a_words", 88.0),
    ("UI messages (gettext)", "g_gettext", 97.0),
    ("sentences", "c_sentences", 99.5),
]


class Unavailable(Exception):
    """A sub-evaluation cannot produce a number; the message is the reason."""


class CommandFailed(Unavailable):
    """duolex ran but exited with a non-zero status (e.g. unknown subcommand)."""


def short(msg, n=90):
    msg = " ".join(str(msg).split())
    return msg if len(msg) <= n else msg[: n - 1] + "…"


# ---------------------------------------------------------------------------
# running duolex
# ---------------------------------------------------------------------------


class Duolex:
    """The duolex command (may be a command with arguments, e.g. a script)."""

    def __init__(self, command, broken=None):
        self.cmd = shlex.split(command)
        self.broken = broken     # reason why no binary is usable, if any

    def run(self, args, stdin=None, timeout=600, stdout=subprocess.PIPE):
        if self.broken:
            raise Unavailable(self.broken)
        exe = self.cmd[0]
        if os.sep in exe and not os.path.exists(exe):
            raise Unavailable(f"{exe} not found")
        try:
            r = subprocess.run(self.cmd + args, input=stdin, stdout=stdout, stderr=subprocess.PIPE,
                               timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Unavailable(f"duolex {args[0]} timed out after {timeout} s")
        except OSError as e:
            raise Unavailable(f"cannot run {exe}: {e}")
        if r.returncode != 0:
            err = r.stderr.decode("utf-8", "replace").strip().splitlines()
            raise CommandFailed(f"duolex {args[0]} exit {r.returncode}: {short(err[0] if err else '')}")
        return r.stdout

    def jsonl(self, args, stdin=None, timeout=600):
        out = self.run(args, stdin=stdin, timeout=timeout).decode("utf-8")
        rows = []
        for k, line in enumerate(out.splitlines()):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:
                    raise Unavailable(f"duolex {args[0]}: line {k + 1} of output is not JSON")
        return rows


def lines_input(texts):
    """One text per line, inner line breaks replaced by spaces."""
    return "".join(" ".join(t.replace("\r", " ").split("\n")) + "\n" for t in texts).encode("utf-8")


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


# ---------------------------------------------------------------------------
# peer: lingua (optional)
# ---------------------------------------------------------------------------


class Lingua:
    """lingua-language-detector restricted to French and English."""

    def __init__(self):
        try:
            from lingua import Language, LanguageDetectorBuilder
        except ImportError as e:
            raise Unavailable(f"lingua not installed: {e}")
        self.names = {Language.FRENCH: "fr", Language.ENGLISH: "en"}
        self.det = LanguageDetectorBuilder.from_languages(Language.FRENCH, Language.ENGLISH).build()

    def langid(self, texts):
        return [self.names.get(self.det.detect_language_of(t), "und") for t in texts]

    def segments(self, text):
        """Mixed-language mode; converts lingua's character indices to bytes."""
        byte_at = char_byte_offsets(text)
        return [{"start": byte_at[r.start_index], "end": byte_at[r.end_index],
                 "lang": self.names.get(r.language, "und")}
                for r in self.det.detect_multiple_languages_of(text)]


# ---------------------------------------------------------------------------
# 2-3. mixed documents
# ---------------------------------------------------------------------------


def char_byte_offsets(text):
    """Byte offset of every character, plus the total length at the end."""
    out, pos = [], 0
    for ch in text:
        out.append(pos)
        pos += len(ch.encode("utf-8"))
    out.append(pos)
    return out


def predicted_labels(text, segments, problems):
    """Label of every character from byte-offset segments; notes problems."""
    starts = char_byte_offsets(text)
    total = starts[-1]
    raw = text.encode("utf-8")
    labels = ["none"] * len(text)
    for seg in segments:
        try:
            a, b, lang = int(seg["start"]), int(seg["end"]), str(seg["lang"])
        except (KeyError, TypeError, ValueError):
            problems["malformed segment"] += 1
            continue
        if not 0 <= a <= b <= total:
            problems["segment outside the text"] += 1
            continue
        i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        if starts[i] != a or starts[j] != b:
            problems["offset not on a character boundary"] += 1
        if "text" in seg and seg["text"] != raw[a:b].decode("utf-8", "replace"):
            problems["segment text differs from text[start:end]"] += 1
        for k in range(i, min(j, len(text))):
            if labels[k] != "none":
                problems["overlapping segments (letters)"] += text[k].isalpha()
            labels[k] = lang
    return labels


def score_mixed(docs, preds):
    """Score predictions {doc id: segments or None (failed)} against gold."""
    problems = Counter()
    groups = defaultdict(Counter)      # group -> counters; "all" = everything
    errors = []                        # (doc id, piece text, share right)
    for d in docs:
        segs = preds.get(d["id"])
        if segs is None:
            problems["documents without output (duolex failed)"] += 1
            segs = []
        text = d["text"]
        labels = predicted_labels(text, segs, problems)
        starts = char_byte_offsets(text)
        gold = [d["body"]] * len(text)
        piece_chars = []
        for p in d["pieces"]:
            i, j = bisect.bisect_left(starts, p["start"]), bisect.bisect_left(starts, p["end"])
            for k in range(i, j):
                gold[k] = p["lang"]
            piece_chars.append((p, i, j))
        group = f"{d['body']}-{d['style']}"
        # diagnostic documents ("extra") are reported alone, not in "all"
        keys = (group + " (diagnostic)",) if d.get("extra") else ("all", group)
        for k, ch in enumerate(text):
            if not ch.isalpha():
                continue
            g, y = gold[k], labels[k]
            for key in keys:
                c = groups[key]
                c["letters"] += 1
                c["letters right"] += g == y
                c["tp"] += g == "en" and y == "en"
                c["fp"] += g != "en" and y == "en"
                c["fn"] += g == "en" and y != "en"
        for p, i, j in piece_chars:
            n = sum(ch.isalpha() for ch in text[i:j])
            if not n:
                continue
            right = sum(ch.isalpha() and labels[k] == p["lang"] for k, ch in zip(range(i, j), text[i:j]))
            ok = right >= PIECE_OK * n
            inline_en = p["role"] == "quote" and d["style"] == "inline" and d["body"] == "fr"
            for key in keys:
                c = groups[key]
                c["pieces"] += 1
                c["pieces right"] += ok
                if p["role"] == "quote":
                    c["quotes"] += 1
                    c["quotes found"] += right >= QUOTE_FOUND * n
                if inline_en:
                    c["inline"] += 1
                    c["inline found"] += right >= QUOTE_FOUND * n
            if not ok:
                errors.append((d["id"], p["lang"], right / n, text[i:j]))
        for key in keys:
            groups[key]["docs"] += 1
    return groups, problems, errors


def f1(c):
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def pct(num, den):
    return 100.0 * num / den if den else None


def run_mixed(docs, predict, name, outdir, workers=2):
    """predict(doc) -> segments. Returns the metrics of the "all" group.

    A document on which predict fails is scored as if nothing was labelled;
    if it fails on every document the row is n/a with the first reason."""
    failures = []

    def safe(d):
        try:
            return d["id"], predict(d)
        except Unavailable as e:
            failures.append(f"{d['id']}: {e}")
            return d["id"], None

    with ThreadPoolExecutor(max_workers=workers) as ex:
        preds = dict(ex.map(safe, docs))
    if len(failures) == len(docs):
        raise Unavailable(sorted(failures)[0].split(": ", 1)[1])
    groups, problems, errors = score_mixed(docs, preds)

    print(f"\n### Mixed documents — {name}: {len(docs)} documents")
    print("| body-style | docs | pieces | segment acc. | letter acc. | English-letter F1 "
          "| inserted pieces ≥90 % right | English letters predicted |")
    print("|---|---|---|---|---|---|---|---|")
    for key in sorted(groups, key=lambda k: (k == "all", "diagnostic" in k, k)):
        c = groups[key]
        has_en = c["tp"] + c["fn"] > 0
        print(f"| {key} | {c['docs']} | {c['pieces']} | {fmt_pct(pct(c['pieces right'], c['pieces']))} "
              f"| {fmt_pct(pct(c['letters right'], c['letters']))} "
              f"| {f'{100 * f1(c):.1f} %' if has_en else '—'} "
              f"| {fmt_pct(pct(c['quotes found'], c['quotes'])) if c['quotes'] else '—'} "
              f"| {c['tp'] + c['fp']} of {c['letters']} |")
    for what, n in sorted(problems.items()):
        print(f"WARNING ({name}): {what}: {n}")
    for f in sorted(failures)[:5]:
        print(f"WARNING ({name}): failed on {short(f, 150)}")
    os.makedirs(outdir, exist_ok=True)
    err_path = os.path.join(outdir, f"mixed_errors_{name}.txt")
    with open(err_path, "w", encoding="utf-8") as f:
        for doc_id, lang, share, piece in errors:
            f.write(f"{doc_id}\tgold {lang}\t{100 * share:.0f} % right\t{piece!r}\n")
    with open(os.path.join(outdir, f"mixed_pred_{name}.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "segments": preds.get(d["id"])}, ensure_ascii=False) + "\n")
    print(f"(\"all\" = the headline documents; diagnostic groups are left out of it. "
          f"{len(errors)} wrong pieces listed in {err_path})")
    a = groups["all"]
    return {
        "segment": pct(a["pieces right"], a["pieces"]),
        "f1": 100 * f1(a),
        "inline": pct(a["inline found"], a["inline"]),
        "failed": problems["documents without output (duolex failed)"],
    }


def duolex_mixed(duolex, cache, outdir):
    docs = load_mixed(cache)

    def predict(d):
        path = os.path.join(cache, "eval", "mixed", d["id"] + ".txt")
        with open(path, encoding="utf-8", newline="") as f:
            if f.read() != d["text"]:
                raise Unavailable(f"{path} differs from mixed.jsonl (rebuild with --force)")
        return duolex.jsonl(["detect", path, "--langs", "fr,en", "--format", "jsonl"], timeout=60)

    return run_mixed(docs, predict, "duolex", outdir)


def load_mixed(cache):
    path = os.path.join(cache, "eval", "mixed.jsonl")
    if not os.path.exists(path):
        raise Unavailable("mixed set not built (eval/build_mixed.py failed?)")
    return load_jsonl(path)


# ---------------------------------------------------------------------------
# 3b. technical French: the man pages of manpages-fr
# ---------------------------------------------------------------------------

# French function words that English text does not use (the man-page row
# "English runs holding a French function word"); ambiguous ones (a, on, son,
# car, par, du, ce, si, ne, sans …) are left out.
FR_ONLY = set("""le la les des une est sont et ou dans pour avec que qui sur aux cette ces il elle ils
elles vous nous leur leurs mais aussi très lorsque quand comme être été avoir peut peuvent doit
sont selon entre dont où""".split())
SINGLE_LETTER_TOP = 100   # no single letter among this many most frequent French terms


def duolex_manpages(duolex, cache, outdir):
    """One `duolex analyze` run over every page; see eval/README.md."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from build_manpages import real_words
    set_path = os.path.join(cache, "eval", "manpages.jsonl")
    pages_dir = os.path.join(cache, "eval", "manpages")
    if not os.path.exists(set_path):
        raise Unavailable("man-page set not built (eval/build_manpages.py failed?)")
    pages = load_jsonl(set_path)
    out = os.path.join(outdir, "manpages_analyze")
    duolex.run(["analyze", pages_dir, "--out", out, "--tables", "segments,vocabulary", "--quiet"],
               stdout=subprocess.DEVNULL)
    import csv
    csv.field_size_limit(1 << 30)
    segs = defaultdict(list)
    with open(os.path.join(out, "segments.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            segs[os.path.basename(r["path"])].append(
                {"start": int(r["start"]), "end": int(r["end"]), "lang": r["lang"]})
    english, thin, french_inside = 0, [], []
    problems = Counter()
    c = Counter()
    for page in pages:
        with open(os.path.join(pages_dir, page["file"]), encoding="utf-8", newline="") as f:
            text = f.read()
        raw = text.encode("utf-8")
        runs = segs.get(page["file"], [])
        for r in runs:
            if r["lang"] != "en":
                continue
            english += 1
            piece = raw[r["start"]:r["end"]].decode("utf-8", "replace")
            words = real_words(piece)
            if len(words) < 2:
                thin.append((page["id"], piece))
            fr = [w for w in words if w.lower() in FR_ONLY]
            if fr:
                french_inside.append((page["id"], fr, piece))
        if not page["original"]:
            continue
        labels = predicted_labels(text, runs, problems)
        starts = char_byte_offsets(text)
        for g in page["gold"]:
            i, j = bisect.bisect_left(starts, g["start"]), bisect.bisect_left(starts, g["end"])
            for k in range(i, j):
                if text[k].isalpha():
                    c[g["lang"]] += 1
                    c[g["lang"] + " right"] += labels[k] == g["lang"]
    with open(os.path.join(out, "vocabulary.csv"), encoding="utf-8", newline="") as f:
        vocab = [r for r in csv.DictReader(f) if r["lang"] == "fr"]
    vocab.sort(key=lambda r: (-int(r["count"]), r["term"]))
    top = vocab[:SINGLE_LETTER_TOP]
    letters = [(r["term"], int(r["count"])) for r in top if sum(ch.isalpha() for ch in r["term"]) == 1]
    with open(os.path.join(outdir, "manpages_errors_duolex.txt"), "w", encoding="utf-8") as f:
        f.write(f"# English runs with fewer than two real words ({len(thin)} of {english})\n")
        for pid, piece in thin:
            f.write(f"{pid}\t{piece!r}\n")
        f.write(f"\n# English runs holding a French function word ({len(french_inside)})\n")
        for pid, fr, piece in french_inside:
            f.write(f"{pid}\t{' '.join(fr)}\t{piece[:200]!r}\n")
        f.write(f"\n# top {SINGLE_LETTER_TOP} French terms\n")
        for r in top:
            f.write(f"{r['term']}\t{r['count']}\n")
    for what, n in sorted(problems.items()):
        print(f"WARNING (man pages): {what}: {n}")
    res = {
        "pages": len(pages), "with_original": sum(p["original"] for p in pages),
        "english": english, "short": len(thin), "short_share": pct(len(thin), english) if english else 0.0,
        "french_inside": len(french_inside),
        "fr_letters": c["fr"], "fr_right": pct(c["fr right"], c["fr"]),
        "en_letters": c["en"], "en_found": pct(c["en right"], c["en"]),
        "single_letters": letters,
        "top": [(r["term"], int(r["count"])) for r in top[:15]],
    }
    print(f"man pages: {res['pages']} pages ({res['with_original']} with gold); {english} English runs, "
          f"{len(thin)} with fewer than two real words ({fmt_pct(res['short_share'])}), "
          f"{len(french_inside)} holding a French function word; gold French letters labelled French "
          f"{fmt_pct(res['fr_right'])} of {c['fr']}, untranslated English letters found "
          f"{fmt_pct(res['en_found'])} of {c['en']}; single letters in the top {SINGLE_LETTER_TOP} French "
          f"terms: {letters or 'none'}; top French terms: "
          + ", ".join(f"{t} {n}" for t, n in res["top"]))
    return res


# ---------------------------------------------------------------------------
# 4. short-text language identification
# ---------------------------------------------------------------------------


def langid_sets(shared):
    out = {}
    for _label, stem, _t in LANGID_SETS:
        path = os.path.join(shared, "langid", f"{stem}.dev.jsonl")
        out[stem] = load_jsonl(path) if os.path.exists(path) else None
    return out


def langid_accuracy(rows, predicted, stem, name, outdir):
    if len(predicted) != len(rows):
        raise Unavailable(f"{len(predicted)} output lines for {len(rows)} inputs")
    right = sum(p == r["label"] for p, r in zip(predicted, rows))
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, f"langid_{stem}_errors_{name}.jsonl"), "w", encoding="utf-8") as f:
        for p, r in zip(predicted, rows):
            if p != r["label"]:
                f.write(json.dumps({"pred": p, **r}, ensure_ascii=False) + "\n")
    by = Counter((r["label"], p == r["label"]) for p, r in zip(predicted, rows))
    detail = ", ".join(f"{lab} {fmt_pct(pct(by[(lab, True)], by[(lab, True)] + by[(lab, False)]))}"
                       for lab in ("fr", "en"))
    print(f"langid {stem} ({name}): {right}/{len(rows)} = {fmt_pct(pct(right, len(rows)))}  [{detail}]")
    return pct(right, len(rows))


def duolex_langid(duolex, rows, stem, outdir):
    out = duolex.jsonl(["detect", "--lines", "--langs", "fr,en", "--format", "jsonl", "-"],
                       stdin=lines_input(r["text"] for r in rows))
    predicted = [str(o.get("lang", "und")) if isinstance(o, dict) else "und" for o in out]
    return langid_accuracy(rows, predicted, stem, "duolex", outdir)


# ---------------------------------------------------------------------------
# 5. tokenisation
# ---------------------------------------------------------------------------


def token_texts(tokens, line):
    """Token strings from objects ({"text"} or {"start","end"}) or plain strings."""
    raw = line.encode("utf-8")
    out = []
    for t in tokens:
        if isinstance(t, str):
            out.append(t)
        elif isinstance(t, dict) and "text" in t:
            out.append(str(t["text"]))
        elif isinstance(t, dict) and "start" in t and "end" in t:
            out.append(raw[t["start"]:t["end"]].decode("utf-8", "replace"))
        elif isinstance(t, (list, tuple)) and t:
            out.append(str(t[0]))
        else:
            raise Unavailable(f"unrecognised token {short(json.dumps(t), 40)}")
    return out


def duolex_tokens(duolex, shared, lang, gold_name, outdir):
    gold_path = os.path.join(shared, "ud", gold_name)
    scorer = os.path.join(shared, "score_tok.py")
    if not os.path.exists(gold_path) or not os.path.exists(scorer):
        raise Unavailable(f"{gold_path} or score_tok.py missing")
    gold = load_jsonl(gold_path)
    out = duolex.jsonl(["tokens", "--lines", "--lang", lang, "--format", "jsonl", "-"],
                       stdin=lines_input(g["text"] for g in gold))
    if len(out) != len(gold):
        raise Unavailable(f"{len(out)} output lines for {len(gold)} inputs")
    os.makedirs(outdir, exist_ok=True)
    pred_path = os.path.join(outdir, f"tokens_{lang}_pred.jsonl")
    with open(pred_path, "w", encoding="utf-8") as f:
        for g, o in zip(gold, out):
            toks = o.get("tokens", []) if isinstance(o, dict) else o
            f.write(json.dumps({"text": g["text"], "tokens": token_texts(toks, g["text"])},
                               ensure_ascii=False) + "\n")
    res = run_scorer(scorer, pred_path, gold_path)
    print(f"tokens {lang} ({gold_name}): LCS F1 {res['lcs']['F1']:.4f} (P {res['lcs']['P']:.4f} "
          f"R {res['lcs']['R']:.4f}), sentences exact {res['sent_exact']:.4f}, elided recall "
          f"{res['elided_recall'] if res['elided_recall'] is None else round(res['elided_recall'], 4)}, "
          f"internal-apostrophe recall {res['internal_apostrophe_recall'] if res['internal_apostrophe_recall'] is None else round(res['internal_apostrophe_recall'], 4)}")
    return res


# ---------------------------------------------------------------------------
# 6. keyphrases
# ---------------------------------------------------------------------------


def duolex_keywords(duolex, shared, cache, corpus, outdir):
    gold_path = os.path.join(shared, "keywords", f"{corpus}.jsonl")
    scorer = os.path.join(shared, "score_kw.py")
    if not os.path.exists(gold_path) or not os.path.exists(scorer):
        raise Unavailable(f"{gold_path} or score_kw.py missing")
    try:
        duolex.run(["keywords", "--help"], timeout=30)
    except CommandFailed:   # other reasons (no binary, build failed) are shown as they are
        raise Unavailable("duolex keywords not available yet")
    try:
        import nltk  # noqa: F401  (needed by score_kw.py's stemmed column)
    except ImportError:
        raise Unavailable("nltk not installed (the venv at .cache/venv could not be set up)")
    gold = load_jsonl(gold_path)
    folder = os.path.join(cache, "eval", "kw", corpus)
    os.makedirs(folder, exist_ok=True)
    paths = write_docs(gold, folder)
    ids = {os.path.splitext(os.path.basename(p))[0]: str(g["id"]) for p, g in zip(paths, gold)}
    out = duolex.jsonl(["keywords", *paths, "--top", "10", "--format", "jsonl"])
    pred_path = os.path.join(outdir, f"keywords_{corpus}_pred.jsonl")
    # One line per document and language, the main language first: join a
    # document's lines in that order (the scorer keeps one line per id, so
    # writing them separately would let a stray minor language win).
    joined = {}
    for o in out:
        stem = os.path.splitext(os.path.basename(str(o.get("path", ""))))[0]
        if stem not in ids:
            continue
        kws = [k.get("keyword", "") if isinstance(k, dict) else (k[0] if isinstance(k, list) else k)
               for k in o.get("keywords", [])]
        joined.setdefault(ids[stem], []).extend(kws)
    seen = len(joined)
    with open(pred_path, "w", encoding="utf-8") as f:
        for doc_id, kws in joined.items():
            f.write(json.dumps({"id": doc_id, "keywords": kws}, ensure_ascii=False) + "\n")
    if not seen:
        raise Unavailable("no output line maps back to an input file")
    lang = gold[0].get("lang", "en")
    res = run_scorer(scorer, pred_path, gold_path, "--lang", lang)
    res["halves"] = halves(scorer, joined, gold, outdir, corpus, "duolex")
    print(f"keywords {corpus}: {res['docs']} docs, {res['missing_pred_docs']} without prediction; "
          f"exact F1@5 {res['exact@5']['F1']:.4f} F1@10 {res['exact@10']['F1']:.4f} "
          f"(halves {res['halves'][0]:.4f} / {res['halves'][1]:.4f}); "
          f"stemmed F1@10 {res['stemmed@10']['F1']:.4f}")
    return res


def halves(scorer, preds, gold, outdir, corpus, tool):
    """Exact F1@10 of the documents at even and at odd positions of the gold file."""
    out = []
    lang = gold[0].get("lang", "en")
    for name, part in (("A", gold[0::2]), ("B", gold[1::2])):
        gp = os.path.join(outdir, f"keywords_{corpus}_{tool}_{name}_gold.jsonl")
        pp = os.path.join(outdir, f"keywords_{corpus}_{tool}_{name}_pred.jsonl")
        with open(gp, "w", encoding="utf-8") as f:
            for g in part:
                f.write(json.dumps(g, ensure_ascii=False) + "\n")
        with open(pp, "w", encoding="utf-8") as f:
            for g in part:
                f.write(json.dumps({"id": str(g["id"]), "keywords": preds.get(str(g["id"]), [])},
                                   ensure_ascii=False) + "\n")
        out.append(run_scorer(scorer, pp, gp, "--lang", lang)["exact@10"]["F1"])
    return out


def baseline_keywords(shared, cache, corpus, outdir):
    """YAKE and TF-IDF over 1–3-grams on a keyphrase set (kw_baselines.py),
    scored like duolex: {tool: scorer result with halves}."""
    gold_path = os.path.join(shared, "keywords", f"{corpus}.jsonl")
    scorer = os.path.join(shared, "score_kw.py")
    if not os.path.exists(gold_path) or not os.path.exists(scorer):
        raise Unavailable(f"{gold_path} or score_kw.py missing")
    try:
        from kw_baselines import BASELINES, cached
    except ImportError as e:
        raise Unavailable(f"baselines need yake and scikit-learn: {e}")
    gold = load_jsonl(gold_path)
    lang = gold[0].get("lang", "en")
    res = {}
    for tool, fn in BASELINES.items():
        try:
            preds = cached(f"{tool.lower()}_{corpus}", fn, gold, cache)
        except ImportError as e:
            raise Unavailable(f"{tool} not installed ({e})")
        pred_path = os.path.join(outdir, f"keywords_{corpus}_{tool.lower()}_pred.jsonl")
        with open(pred_path, "w", encoding="utf-8") as f:
            for g in gold:
                f.write(json.dumps({"id": str(g["id"]), "keywords": preds.get(str(g["id"]), [])},
                                   ensure_ascii=False) + "\n")
        r = run_scorer(scorer, pred_path, gold_path, "--lang", lang)
        r["halves"] = halves(scorer, preds, gold, outdir, corpus, tool.lower())
        print(f"{tool} {corpus}: exact F1@5 {r['exact@5']['F1']:.4f} F1@10 {r['exact@10']['F1']:.4f} "
              f"(halves {r['halves'][0]:.4f} / {r['halves'][1]:.4f})")
        res[tool] = r
    return res


# ---------------------------------------------------------------------------
# 7. speed (indicative)
# ---------------------------------------------------------------------------


def duolex_speed(duolex, cache):
    path = os.path.join(cache, "eval", "fr_prose_20mb.txt")
    if not os.path.exists(path):
        raise Unavailable("prose file not built")
    size = os.path.getsize(path)
    t0 = time.perf_counter()
    duolex.run(["detect", path, "--format", "jsonl"], stdout=subprocess.DEVNULL, timeout=300)
    dt = time.perf_counter() - t0
    print(f"speed: duolex detect on {size / 1e6:.1f} MB of French prose: {dt:.2f} s = {size / 1e6 / dt:.1f} MB/s")
    return size / 1e6 / dt


# ---------------------------------------------------------------------------
# table
# ---------------------------------------------------------------------------


def fmt_pct(x):
    return "—" if x is None else f"{x:.1f} %"


def attempt(fn, *args):
    """Run one sub-evaluation; return its result or the Unavailable reason."""
    try:
        return fn(*args)
    except Unavailable as e:
        print(f"n/a: {e}")
        return e
    except Exception as e:   # a harness bug must not hide the other rows
        print(f"n/a: {type(e).__name__}: {e}")
        return Unavailable(f"{type(e).__name__}: {short(e, 60)}")


def cell(res, fmt):
    if isinstance(res, Exception):
        return f"n/a ({short(res, 70)})"
    try:
        v = fmt(res)
    except (KeyError, TypeError) as e:
        return f"n/a (no value: {e})"
    return "n/a (no value)" if v is None else v


def run_scorer(scorer, pred_path, gold_path, *extra):
    """Runs a shared scorer script with --json and returns what it printed."""
    r = subprocess.run([sys.executable, scorer, pred_path, gold_path, *extra, "--json"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode
        raise Unavailable(f"{os.path.basename(scorer)}: {short(last)}")
    return json.loads(r.stdout)


def write_docs(gold, folder):
    """Writes each gold document's text to FOLDER/<id>.txt (unless already
    there, unchanged) and returns the paths, in gold order."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for g in gold:
        path = os.path.join(folder, f"{g['id']}.txt")
        if not os.path.exists(path) or open(path, encoding="utf-8").read() != g["text"]:
            with open(path, "w", encoding="utf-8") as f:
                f.write(g["text"])
        paths.append(path)
    return paths


def main():
    ap = argparse.ArgumentParser(description="duolex evaluation (make eval)")
    ap.add_argument("--duolex", default=os.environ.get("DUOLEX", "target/release/duolex"))
    ap.add_argument("--shared", default=os.environ.get("SHARED_EVAL", "../shared/eval"))
    ap.add_argument("--cache", default=".cache")
    ap.add_argument("--broken", default=None, help="reason why duolex cannot be run (e.g. build failed)")
    ap.add_argument("--peers", action="store_true", default=os.environ.get("EVAL_PEERS") == "1")
    args = ap.parse_args()

    duolex = Duolex(args.duolex, args.broken)
    outdir = os.path.join(args.cache, "eval", "out")
    os.makedirs(outdir, exist_ok=True)
    print(f"duolex command: {args.duolex}    shared eval data: {args.shared}")
    meta_path = os.path.join(args.cache, "eval", "mixed.meta.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        print(f"mixed set: {meta['documents']} documents, {meta['pieces']} gold pieces, "
              f"{meta['quote_spans']} inserted spans, sha256 {meta['sha256'][:12]}")

    R = {}   # row key -> result or Unavailable
    R["mixed"] = attempt(duolex_mixed, duolex, args.cache, outdir)
    print("\n### Technical French (man pages)")
    R["manpages"] = attempt(duolex_manpages, duolex, args.cache, outdir)
    print("\n### Short-text language identification")
    sets = langid_sets(args.shared)
    for _label, stem, _t in LANGID_SETS:
        rows = sets[stem]
        R[stem] = (Unavailable(f"{stem}.dev.jsonl missing") if rows is None
                   else attempt(duolex_langid, duolex, rows, stem, outdir))
    print("\n### Tokenisation")
    R["tok_fr"] = attempt(duolex_tokens, duolex, args.shared, "fr", "fr_gsd_dev.jsonl", outdir)
    R["tok_en"] = attempt(duolex_tokens, duolex, args.shared, "en", "en_ewt_dev.jsonl", outdir)
    print("\n### Keyphrases")
    R["kw_kpcrowd"] = attempt(duolex_keywords, duolex, args.shared, args.cache, "kpcrowd_en", outdir)
    R["kw_inspec"] = attempt(duolex_keywords, duolex, args.shared, args.cache, "inspec_en", outdir)
    R["kw_taln"] = attempt(duolex_keywords, duolex, args.shared, args.cache, "taln_fr", outdir)
    for corpus in KW_SETS:
        R[f"base_{corpus}"] = attempt(baseline_keywords, args.shared, args.cache, corpus, outdir)
    print("\n### Speed")
    R["speed"] = attempt(duolex_speed, duolex, args.cache)

    P = {}   # peer results (lingua), only with --peers
    if args.peers:
        print("\n### Peer: lingua (French + English only)")
        lingua = attempt(Lingua)
        if isinstance(lingua, Exception):
            P = {key: lingua for key in ["mixed"] + [stem for _l, stem, _t in LANGID_SETS]}
        else:
            P["mixed"] = attempt(lambda: run_mixed(load_mixed(args.cache), lambda d: lingua.segments(d["text"]),
                                                   "lingua", outdir, workers=1))
            for _label, stem, _t in LANGID_SETS:
                rows = sets[stem]
                P[stem] = (Unavailable("missing") if rows is None else attempt(
                    lambda: langid_accuracy(rows, lingua.langid([r["text"] for r in rows]), stem, "lingua", outdir)))

    mixed = lambda k: (lambda r: fmt_pct(r[k]))
    tok = lambda r: (f"{r['lcs']['F1']:.3f}" + (f" (elided {r['elided_recall']:.3f})"
                                              if r.get("elided_recall") is not None else ""))
    kw = lambda r: (f"{r['exact@10']['F1']:.3f} (halves {r['halves'][0]:.3f} / {r['halves'][1]:.3f}; "
                    f"F1@5 {r['exact@5']['F1']:.3f})")
    base = lambda r: " / ".join(f"{r[t]['exact@10']['F1']:.3f}" for t in ("YAKE", "TF-IDF"))
    rows = [
        ("mixed documents: segment accuracy", "mixed", mixed("segment"), "≥ 99.5 %"),
        ("mixed documents: English-letter F1", "mixed", mixed("f1"), "≥ 97 %"),
        ("English quotes inside a French sentence found", "mixed", mixed("inline"), "≥ 95 %"),
    ]
    rows += [
        ("man pages: English runs with < 2 real words", "manpages",
         lambda r: f"{r['short_share']:.1f} % ({r['short']} of {r['english']})", "≤ 2 %"),
        ("man pages: English runs holding a French function word", "manpages",
         lambda r: f"{r['french_inside']}", "0"),
        ("man pages: gold French letters labelled French", "manpages", lambda r: fmt_pct(r["fr_right"]), "≥ 99 %"),
        ("man pages: untranslated English letters found", "manpages", lambda r: fmt_pct(r["en_found"]), "≥ 90 %"),
        ("man pages: single letters among the top 100 French terms", "manpages",
         lambda r: str(len(r["single_letters"])), "0"),
    ]
    for label, stem, target in LANGID_SETS:
        rows.append((f"language ID: {label}", stem, fmt_pct, f"≥ {target:g} %"))
    rows += [
        ("French GSD token F1 (elided-token recall)", "tok_fr", tok, "≥ 0.99 (elided ≥ 0.99)"),
        ("English EWT token F1", "tok_en", tok, "≥ 0.985"),
        ("KPCrowd F1@10 (exact)", "kw_kpcrowd", kw, "≥ 0.18"),
        ("Inspec F1@10 (exact)", "kw_inspec", kw, "≥ 0.23"),
        ("TALN French abstracts F1@10 (exact)", "kw_taln", kw, "≥ 0.16, halves within 0.02"),
        ("KPCrowd F1@10: YAKE / TF-IDF 1–3-grams", "base_kpcrowd_en", base, "—"),
        ("Inspec F1@10: YAKE / TF-IDF 1–3-grams", "base_inspec_en", base, "—"),
        ("TALN F1@10: YAKE / TF-IDF 1–3-grams", "base_taln_fr", base, "—"),
        ("detect speed, MB/s (indicative; see make bench)", "speed", lambda r: f"{r:.1f}", "—"),
    ]
    print("\n## duolex evaluation\n")
    head = "| metric | duolex | target |" + (" lingua (fr+en) |" if args.peers else "")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for label, key, fmt, target in rows:
        line = f"| {label} | {cell(R[key], fmt)} | {target} |"
        if args.peers:
            line += f" {cell(P[key], fmt) if key in P else '—'} |"
        print(line)
    if isinstance(R["mixed"], dict) and R["mixed"]["failed"]:
        print(f"\nNote: duolex detect failed on {R['mixed']['failed']} mixed documents (scored as unlabelled).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
