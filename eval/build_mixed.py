#!/usr/bin/env python3
"""Build the mixed French/English evaluation set for `make eval`.

Source text: Debian documentation that exists in both French and English
(maint-guide, developers-reference, debian-faq, debian-reference), fetched
with `apt-get download` into .cache/debian/ and unpacked with `dpkg-deb -x`.
Nothing fetched here is ever committed: everything lives under .cache/.

Steps
  1. fetch + unpack the .deb packages (skipped when already cached);
  2. pull prose paragraphs (<p> elements) out of the HTML, skipping code and
     preformatted blocks, tables, tables of contents and navigation; inline
     code (commands, file names, literals...) is replaced by a marker so that
     sentences containing it are discarded rather than silently mangled;
  3. split paragraphs into sentences and keep only "clean" monolingual prose
     sentences (see `clean_sentence`), because the translations contain
     untranslated English paragraphs and English titles;
  4. assemble a seeded, deterministic set of mixed documents with gold spans,
     in three insertion styles, in both directions, plus monolingual French
     documents;
  5. write a ~20 MB French prose file for the indicative speed measurement.

Outputs (under --cache, default .cache):
  eval/mixed.jsonl       one document per line:
      {"id", "text", "body": "fr"|"en", "style",
       "spans":  [{"start","end","lang"}]   inserted passages in the other
                                            language (UTF-8 byte offsets);
                                            everything else is `body`.
       "pieces": [{"start","end","lang","role"}]  every gold piece: each
                                            inserted passage and each body
                                            sentence (or part of a sentence
                                            around an inline quote).}
  eval/mixed/<id>.txt    the exact text of each document (what duolex reads)
  eval/mixed.meta.json   seed, package versions, counts, sha256 of mixed.jsonl
  eval/fr_prose_20mb.txt French prose repeated to about 20 MB

Gold conventions: a span covers the inserted sentence itself, never the
quotation marks or the spaces inside them; a body piece may contain quotation
marks and punctuation (they carry no letters and letters are what is scored).
"""
import argparse
import glob
import hashlib
import html.parser
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter

# Bump when the extraction or assembly logic changes: the cached set is then
# rebuilt automatically.
BUILD_VERSION = 6
SEED = 20240611

# (package, language). The pinned versions are the ones the set was designed
# with (Debian 12 "bookworm"); any other available version is used as a
# fallback, and the versions actually used are recorded in mixed.meta.json.
PACKAGES = [
    ("maint-guide-fr", "fr", "1.2.53"),
    ("maint-guide", "en", "1.2.53"),
    ("developers-reference-fr", "fr", "12.18"),
    ("developers-reference", "en", "12.18"),
    ("debian-faq-fr", "fr", "11.1"),
    ("debian-faq", "en", "11.1"),
    ("debian-reference-fr", "fr", "2.100"),
    ("debian-reference-en", "en", "2.100"),
]

# How many documents of each kind: (body language, style) -> count.
COUNTS = {
    ("fr", "paragraph"): 80,   # (a) English sentence(s) as their own paragraph
    ("fr", "sentence"): 80,    # (b) quoted English sentence between French sentences
    ("fr", "inline"): 120,     # (c) English quote inside a French sentence
    ("fr", "none"): 40,        # French only: no English at all
    ("en", "paragraph"): 20,   # the same three styles, English body quoting French
    ("en", "sentence"): 20,
    ("en", "inline"): 40,
}
# Diagnostic documents, reported on their own and left out of the headline
# numbers because they go beyond the three styles above:
#   inline-short:    short English quotes (3 to 6 words cut from a sentence)
#                    inside a French sentence, e.g. « a complete mess »;
#   inline-unquoted: an English sentence inside a French sentence with no
#                    quotation marks (as when the original used italics), so
#                    no punctuation marks the boundaries.
EXTRA_COUNTS = {
    ("fr", "inline-short"): 60,
    ("fr", "inline-unquoted"): 60,
}

SPEED_BYTES = 20 * 1024 * 1024

# ---------------------------------------------------------------------------
# 1. fetching
# ---------------------------------------------------------------------------


def run(cmd, cwd=None):
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except FileNotFoundError:
        raise SystemExit(f"build_mixed: {cmd[0]} not found (a Debian system with apt is needed)")


def fetch_packages(debdir, packages=PACKAGES):
    """Download every package of `packages` ((name, language, pinned
    version) triples) once; return {package: (deb path, version)}."""
    os.makedirs(debdir, exist_ok=True)
    updated = False
    found = {}
    for pkg, _lang, version in packages:
        debs = sorted(glob.glob(os.path.join(debdir, f"{pkg}_*.deb")))
        if not debs:
            # pinned version first, then whatever the archive has
            for attempt in (f"{pkg}={version}", pkg, f"{pkg}={version}", pkg):
                r = run(["apt-get", "download", attempt], cwd=debdir)
                if r.returncode == 0:
                    break
                if not updated and attempt == pkg:
                    print("build_mixed: apt-get download failed, running apt-get update once", file=sys.stderr)
                    run(["apt-get", "update"])
                    updated = True
            debs = sorted(glob.glob(os.path.join(debdir, f"{pkg}_*.deb")))
            if not debs:
                raise SystemExit(f"build_mixed: cannot download {pkg}: {r.stderr.strip()[-300:]}")
        deb = debs[-1]
        found[pkg] = (deb, os.path.basename(deb).split("_")[1])
    return found


def unpack(deb, dest):
    if not os.path.isdir(dest):
        tmp = dest + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        r = run(["dpkg-deb", "-x", deb, tmp])
        if r.returncode != 0:
            raise SystemExit(f"build_mixed: dpkg-deb -x {deb} failed: {r.stderr.strip()[-300:]}")
        os.rename(tmp, dest)


def html_files(root, lang):
    """Regular HTML files of one unpacked package, in a stable order."""
    out = []
    for path in sorted(glob.glob(os.path.join(root, "**", "*.html"), recursive=True)):
        name = os.path.basename(path)
        if os.path.islink(path) or "/_static/" in path or "/_sources/" in path:
            continue
        if name in ("search.html", "genindex.html"):
            continue
        # files tagged with another language (e.g. foo.en.html in a -fr package)
        m = re.search(r"\.([a-z]{2}(?:[-_][A-Za-z]+)?)\.html$", name)
        if m and m.group(1)[:2] != lang:
            continue
        out.append(path)
    return out


# ---------------------------------------------------------------------------
# 2. HTML -> prose paragraphs
# ---------------------------------------------------------------------------

CODE = "\x00"  # marker left where inline code was; sentences containing it are dropped
VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
SKIP_TAGS = {"pre", "script", "style", "table", "head", "nav", "footer", "h1", "h2", "h3",
             "h4", "h5", "h6", "title", "form", "button", "select", "textarea"}
SKIP_CLASSES = {"toc", "navheader", "navfooter", "related", "sphinxsidebar", "highlight",
                "footer", "literallayout", "programlisting", "screen", "synopsis", "cmdsynopsis",
                "toctree-wrapper", "footnotes", "footnote", "admonition-title"}
CODE_TAGS = {"code", "tt", "kbd", "samp", "var"}
CODE_CLASSES = {"command", "filename", "literal", "replaceable", "systemitem", "pre", "option",
                "envar", "parameter", "userinput", "computeroutput", "package", "application",
                "refentrytitle", "citerefentry", "function", "varname", "email", "uri", "url",
                "guimenu", "guimenuitem", "guibutton", "keycap", "productname", "acronym"}
DROP_TAGS = {"sup", "sub"}
DROP_CLASSES = {"headerlink", "section-number", "fn-bracket", "footnote-reference"}


class ProseExtractor(html.parser.HTMLParser):
    """Collect the text of <p> elements outside skipped regions."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []        # (tag, effect) with effect in None/skip/code/drop
        self.buf = None        # text of the current <p>, or None outside one
        self.paragraphs = []

    def _effect(self, tag, attrs):
        classes = set()
        for k, v in attrs:
            if k == "class" and v:
                classes.update(v.split())
        if tag in SKIP_TAGS or any(c in SKIP_CLASSES or c.startswith("highlight") for c in classes):
            return "skip"
        if tag == "aside" or tag in DROP_TAGS or classes & DROP_CLASSES:
            return "drop"
        if tag in CODE_TAGS or classes & CODE_CLASSES:
            return "code"
        return None

    def _inside(self, effect):
        return any(e == effect for _, e in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br" and self.buf is not None:
                self.buf.append(" ")
            return
        effect = self._effect(tag, attrs)
        if effect == "code" and self.buf is not None and not self._inside("code"):
            self.buf.append(CODE)
        self.stack.append((tag, effect))
        if tag == "p" and not self._inside("skip"):
            self._flush()
            self.buf = []

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and self.buf is not None:
            self.buf.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # pop up to and including the matching tag (tolerates unclosed tags)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag == "p":
            self._flush()

    def handle_data(self, data):
        if self.buf is None or self._inside("skip") or self._inside("drop") or self._inside("code"):
            return
        self.buf.append(data)

    def _flush(self):
        if self.buf is not None:
            text = " ".join("".join(self.buf).split())
            if text:
                self.paragraphs.append(text)
        self.buf = None

    def close(self):
        super().close()
        self._flush()


def extract_paragraphs(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        p = ProseExtractor()
        p.feed(f.read())
        p.close()
    return p.paragraphs


# ---------------------------------------------------------------------------
# 3. sentences and the "clean prose" filter
# ---------------------------------------------------------------------------

UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ"
SPLIT_RE = re.compile(r"(?<=[.!?…])\s+(?=[«\"“(]?\s?[" + UPPER + r"])")
# a chunk ending with one of these did not end a sentence
ABBREV_RE = re.compile(r"(?:\b(?:e\.g|i\.e|etc|cf|vs|p\. ex|ex|M|MM|Mr|Mrs|Dr|St|No|n°|art|chap|fig|resp|env|approx|Inc|Ltd)\.|\b[A-Z]\.)$")


def split_sentences(paragraph):
    out = []
    for chunk in SPLIT_RE.split(paragraph):
        if out and ABBREV_RE.search(out[-1]):
            out[-1] += " " + chunk
        else:
            out.append(chunk)
    return out


# Function words that are frequent in one language and absent (or nearly so)
# from the other. Used only to keep gold clean, never shipped with duolex.
FR_WORDS = set("""le la les des du une est sont et dans pour avec que qui pas sur au aux ce cette ces
il elle ils elles vous nous être peut peuvent ou par son sa ses leur leurs plus mais aussi très
lorsque quand comme être été avoir fait faire doit doivent tous toutes tout même votre vos notre""".split())
EN_WORDS = set("""the of and to is are in for with that which this these it you be can or by from not
have has will should was were their its as at they there would could may must when if than
into your our been being does do about also only such""".split())
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
BAD_CHARS = set("/\\@#$%^&*_=<>{}[]|~`«»“”\"„‘")


def words(s):
    return WORD_RE.findall(s.lower())


def stopword_lang(s):
    """(#French function words, #English function words) in s."""
    ws = [w.split("'")[-1].split("’")[-1] for w in words(s)]
    return sum(w in FR_WORDS for w in ws), sum(w in EN_WORDS for w in ws)


def clean_sentence(s, lang, only_vocab=None):
    """True when s is a plain prose sentence clearly in `lang`.

    Criteria: no inline code marker, no URL / path / markup-like characters
    and no quotation marks (they usually enclose titles in the other
    language), starts with an upper-case letter and ends with . ! or ?,
    no camelCase identifier, 4 to 40 words, at least 85 % of the non-space
    characters are letters, at least one function word of `lang` and none
    of the other language (nearly every prose sentence has several, so this
    mainly removes untranslated or half-translated text rather than hard
    cases), and (second pass) under 3 % of its letters in words that lean
    strongly to the other language (`only_vocab`, see `leaning`).
    """
    if CODE in s or "http" in s or "www." in s or any(c in BAD_CHARS for c in s):
        return False
    if not re.match("[" + UPPER + "]", s) or s[-1] not in ".!?":
        return False
    if re.search(r"[a-zà-ÿ][A-Z]", s):   # camelCase / identifiers such as libfooX, GitLab
        return False
    ws = words(s)
    if not 4 <= len(ws) <= 40:
        return False
    nonspace = [c for c in s if not c.isspace()]
    letters = sum(c.isalpha() for c in nonspace)
    if letters < 0.85 * len(nonspace):
        return False
    fr, en = stopword_lang(s)
    if lang == "fr" and not (fr >= 1 and en == 0):
        return False
    if lang == "en" and not (en >= 1 and fr == 0):
        return False
    if only_vocab is not None:
        foreign = sum(len(w) for w in ws if w in only_vocab)
        if foreign > 0.03 * letters:
            return False
    return True


def leaning(mine, theirs, ratio=20.0):
    """Words at least `ratio` times more frequent (relatively) in `mine` than
    in `theirs`, seen at least twice. Computed from first-pass sentences, so
    a foreign term that slipped into a few sentences of the other language
    is still caught."""
    tm, tt = sum(mine.values()), sum(theirs.values())
    return {w for w, n in mine.items() if n >= 2 and n / tm > ratio * (theirs.get(w, 0) + 0.5) / tt}


def collect_pools(xroot, found):
    """Return {lang: [paragraph = [clean sentences]]} and version info."""
    raw = {"fr": [], "en": []}      # lang -> list of (source, [sentences])
    for pkg, lang, _v in PACKAGES:
        root = os.path.join(xroot, pkg)
        for path in html_files(root, lang):
            src = f"{pkg}:{os.path.relpath(path, root)}"
            for para in extract_paragraphs(path):
                raw[lang].append((src, split_sentences(para)))

    # First pass: function-word filter only; its survivors give each
    # language's vocabulary.
    vocab = {}
    for lang, paras in raw.items():
        c = Counter()
        for _src, sents in paras:
            for s in sents:
                if clean_sentence(s, lang):
                    c.update(words(s))
        vocab[lang] = c
    only = {"fr": leaning(vocab["en"], vocab["fr"]),   # English-leaning words, to spot in French
            "en": leaning(vocab["fr"], vocab["en"])}   # and the reverse

    # Second pass: full filter, de-duplicated (several files repeat content).
    pools = {"fr": [], "en": []}
    for lang, paras in raw.items():
        seen = set()
        for src, sents in paras:
            keep = []
            for s in sents:
                if s not in seen and clean_sentence(s, lang, only[lang]):
                    seen.add(s)
                    keep.append(s)
            if keep:
                pools[lang].append({"src": src, "sentences": keep})
    return pools


# ---------------------------------------------------------------------------
# 4. assembling documents
# ---------------------------------------------------------------------------

# Spaces used inside French guillemets and before a colon: ordinary space,
# no-break space and narrow no-break space (all appear in French press text).
FR_SPACES = [" ", "\u00a0", "\u202f"]

# Frames for style (c). {Q} is the quoted sentence; {o}/{c} are the opening
# and closing quotation marks (with their inner spaces), {s} a space before a
# colon. "strip" drops the quoted sentence's final full stop, because the
# frame sentence goes on after the quote.
FR_FRAMES = [
    ("Le mainteneur précise{s}: {o}{Q}{c}, ce qui clôt la discussion sur la liste.", True),
    ("Dans son message, le responsable amont a écrit {o}{Q}{c} avant de fermer le rapport de bogue.", True),
    ("Selon la documentation officielle, {o}{Q}{c}, et cette règle vaut pour tous les paquets.", True),
    ("{o}{Q}{c}, rappelle le comité technique dans sa décision publiée mardi.", True),
    ("La page de manuel indique simplement {o}{Q}{c}, sans donner davantage de détails.", True),
    ("Interrogé par nos soins, un développeur résume la situation{s}: {o}{Q}{c}", False),
    ("Le courriel de l'équipe de sécurité affirmait que {o}{Q}{c} et réclamait une mise à jour rapide.", True),
    ("On peut lire dans le journal des modifications{s}: {o}{Q}{c}, une phrase qui a surpris bien des utilisateurs.", True),
    ("Pour justifier ce choix, l'autrice cite la consigne {o}{Q}{c}, tirée du guide des développeurs.", True),
    ("Sur le forum, la réponse tient en une ligne{s}: {o}{Q}{c}", False),
    ("Le ticket ouvert la semaine dernière porte la mention {o}{Q}{c}, que personne n'a encore contestée.", True),
    ("Elle a d'abord répondu en anglais{s}: {o}{Q}{c}, puis elle a traduit sa remarque pour nos lecteurs.", True),
    ("Ce passage du rapport, {o}{Q}{c}, a depuis été repris par plusieurs distributions.", True),
    ("Lors de la conférence, l'orateur a lancé {o}{Q}{c} sous les applaudissements de la salle.", True),
    ("La note de version se contente d'un laconique {o}{Q}{c}, ce qui n'a guère rassuré les administrateurs.", True),
    ("D'après le compte rendu de la réunion, le groupe a conclu que {o}{Q}{c} et a reporté sa décision.", True),
]
EN_FRAMES = [
    ("The maintainer replied: {o}{Q}{c}, which settled the matter on the mailing list.", True),
    ("According to the French manual, {o}{Q}{c}, and the same rule applies to every package.", True),
    ("{o}{Q}{c}, the translation team wrote in its weekly report.", True),
    ("In her message she simply quoted the line {o}{Q}{c} before closing the bug.", True),
    ("The release notes of the French edition only say {o}{Q}{c}, with no further explanation.", True),
    ("One user summed it up on the forum: {o}{Q}{c}", False),
    ("The changelog entry, {o}{Q}{c}, was later copied into several other distributions.", True),
    ("During the meeting, a developer read out {o}{Q}{c} to explain the decision.", True),
    ("The bug report carries the remark {o}{Q}{c}, which nobody has disputed so far.", True),
    ("Asked about it, the translator answered in French: {o}{Q}{c}", False),
]


def quote_marks(rng, body):
    """(opening, closing) quotation marks with their inner spacing."""
    if body == "fr":
        kind = rng.choices(["guillemets", "curly", "straight"], [6, 2, 2])[0]
        if kind == "guillemets":
            sp = rng.choice(FR_SPACES)
            return "«" + sp, sp + "»"
        return ("“", "”") if kind == "curly" else ('"', '"')
    kind = rng.choices(["curly", "straight", "guillemets"], [6, 3, 1])[0]
    if kind == "guillemets":
        return "« ", " »"
    return ("“", "”") if kind == "curly" else ('"', '"')


class Doc:
    """A document under construction: paragraphs of sentences of fragments.

    A fragment is (text, lang, role) with role "body" or "quote"; quotation
    marks are body fragments (they have no letters).
    """

    def __init__(self, body):
        self.body = body
        self.paragraphs = []   # [[sentence = [fragment, ...]], ...]

    def render(self):
        text, pos = [], 0
        spans, pieces = [], []
        for pi, para in enumerate(self.paragraphs):
            if pi:
                text.append("\n\n")
                pos += 2
            for si, sent in enumerate(para):
                if si:
                    text.append(" ")
                    pos += 1
                for frag, lang, role in sent:
                    n = len(frag.encode("utf-8"))
                    if any(c.isalpha() for c in frag):
                        pieces.append({"start": pos, "end": pos + n, "lang": lang, "role": role})
                    if role == "quote":
                        if spans and spans[-1]["lang"] == lang and spans[-1]["end"] == pos - 1 and si:
                            spans[-1]["end"] = pos + n   # consecutive quoted sentences: one span
                        else:
                            spans.append({"start": pos, "end": pos + n, "lang": lang})
                    text.append(frag)
                    pos += n
        text.append("\n")
        return "".join(text), spans, pieces


def body_paragraphs(rng, pool, n_paras, min_sents=1):
    """n_paras runs of 1-4 consecutive sentences from consecutive source paragraphs."""
    start = rng.randrange(len(pool))
    out = []
    i = start
    while len(out) < n_paras:
        sents = pool[i % len(pool)]["sentences"]
        i += 1
        if len(sents) < min_sents:
            continue
        k = rng.randint(min(len(sents), max(min_sents, 1)), min(len(sents), 4))
        j = rng.randrange(len(sents) - k + 1)
        out.append([[(s, None, "body")] for s in sents[j:j + k]])
    return out


class QuotePool:
    """Insertion sentences of one language, drawn without replacement."""

    def __init__(self, rng, pools, lang):
        self.all = [s for p in pools[lang] for s in p["sentences"]]
        self.rng = rng
        self.left = []

    def draw_fragment(self, lo=3, hi=6):
        """A run of lo..hi consecutive words of one sentence, without the
        punctuation at its ends."""
        s = self.draw()
        toks = s.split()
        n = self.rng.randint(lo, min(hi, len(toks)))
        i = self.rng.randrange(len(toks) - n + 1)
        frag = " ".join(toks[i:i + n]).strip(".,;:!?()")
        if len(words(frag)) >= lo and frag[0].isalpha() and frag[-1].isalpha():
            return frag
        return self.draw_fragment(lo, hi)

    def draw(self, max_words=40):
        for _ in range(10000):
            if not self.left:
                self.left = self.all[:]
                self.rng.shuffle(self.left)
            s = self.left.pop()
            if len(words(s)) <= max_words:
                return s
        raise RuntimeError("no sentence short enough")


def build_doc(rng, pools, quotes, body, style):
    other = "en" if body == "fr" else "fr"
    doc = Doc(body)
    if style == "paragraph":
        paras = body_paragraphs(rng, pools[body], rng.randint(2, 4))
        for _ in range(rng.randint(1, 2)):
            q = [[(quotes[other].draw(), other, "quote")] for _ in range(rng.randint(1, 2))]
            paras.insert(rng.randint(1, len(paras)), q)      # never first: between/after body paragraphs
        doc.paragraphs = paras
    elif style == "sentence":
        paras = body_paragraphs(rng, pools[body], rng.randint(1, 3), min_sents=2)
        for _ in range(rng.randint(1, 2)):
            o, c = quote_marks(rng, body)
            para = rng.choice(paras)
            sent = [(o, body, "body"), (quotes[other].draw(), other, "quote"), (c, body, "body")]
            para.insert(rng.randint(1, len(para) - 1), sent)  # strictly between two body sentences
        doc.paragraphs = paras
    elif style in ("inline", "inline-short", "inline-unquoted"):
        paras = body_paragraphs(rng, pools[body], rng.randint(1, 3))
        frames = FR_FRAMES if body == "fr" else EN_FRAMES
        for _ in range(rng.randint(1, 2)):
            frame, strip = rng.choice(frames)
            if style == "inline-short":
                q = quotes[other].draw_fragment()
            else:
                q = quotes[other].draw(max_words=20)
                if strip and q.endswith("."):
                    q = q[:-1]
            o, c = quote_marks(rng, body) if style != "inline-unquoted" else ("", "")
            s = rng.choice(FR_SPACES) if body == "fr" else " "
            before, after = frame.split("{Q}")
            before = before.replace("{o}", o).replace("{s}", s)
            after = after.replace("{c}", c).replace("{s}", s)
            sent = [(before, body, "body"), (q, other, "quote"), (after, body, "body")]
            para = rng.choice(paras)
            para.insert(rng.randint(0, len(para)), sent)
        doc.paragraphs = paras
    else:   # monolingual
        doc.paragraphs = body_paragraphs(rng, pools[body], rng.randint(2, 5))
    # body fragments taken from the pool have lang None until here
    doc.paragraphs = [[[(t, lang or body, role) for t, lang, role in sent] for sent in para]
                      for para in doc.paragraphs]
    return doc


def build_set(pools):
    rng = random.Random(SEED)
    quotes = {lang: QuotePool(random.Random(f"{SEED}-{lang}"), pools, lang) for lang in ("fr", "en")}
    docs = []
    for counts, extra in ((COUNTS, False), (EXTRA_COUNTS, True)):
        for (body, style), n in counts.items():
            for k in range(n):
                doc = build_doc(rng, pools, quotes, body, style)
                text, spans, pieces = doc.render()
                d = {"id": f"{body}-{style}-{k:03d}", "text": text, "body": body,
                     "style": style, "spans": spans, "pieces": pieces}
                if extra:
                    d["extra"] = True   # diagnostic only, not in the headline numbers
                docs.append(d)
    return docs


def check(docs):
    """Sanity checks on gold: spans inside the text, on character boundaries,
    starting and ending with a letter or sentence punctuation (never a quote)."""
    for d in docs:
        b = d["text"].encode("utf-8")
        for sp in d["spans"] + d["pieces"]:
            chunk = b[sp["start"]:sp["end"]].decode("utf-8")   # raises if not on boundaries
            assert chunk.strip(), d["id"]
        for sp in d["spans"]:
            chunk = b[sp["start"]:sp["end"]].decode("utf-8")
            assert chunk[0].isalpha() and chunk == chunk.strip(), (d["id"], chunk)
            assert not any(c in "«»“”\"" for c in chunk), (d["id"], chunk)


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default=".cache", help="cache folder (default .cache)")
    ap.add_argument("--force", action="store_true", help="rebuild even if the cached set is current")
    args = ap.parse_args()

    outdir = os.path.join(args.cache, "eval")
    meta_path = os.path.join(outdir, "mixed.meta.json")
    mixed_path = os.path.join(outdir, "mixed.jsonl")
    prose_path = os.path.join(outdir, "fr_prose_20mb.txt")
    if not args.force and os.path.exists(meta_path) and os.path.exists(prose_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if meta.get("build_version") == BUILD_VERSION and meta.get("seed") == SEED and os.path.exists(mixed_path):
            print(f"build_mixed: cached set is current ({meta['documents']} documents)", file=sys.stderr)
            return

    debdir = os.path.join(args.cache, "debian")
    found = fetch_packages(debdir)
    xroot = os.path.join(debdir, "x")
    for pkg, (deb, _v) in found.items():
        unpack(deb, os.path.join(xroot, pkg))
    pools = collect_pools(xroot, found)
    docs = build_set(pools)
    check(docs)

    os.makedirs(os.path.join(outdir, "mixed"), exist_ok=True)
    for old in glob.glob(os.path.join(outdir, "mixed", "*.txt")):
        os.remove(old)
    with open(mixed_path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
            with open(os.path.join(outdir, "mixed", d["id"] + ".txt"), "w", encoding="utf-8", newline="") as g:
                g.write(d["text"])

    # French prose for the speed measurement: every clean French paragraph,
    # repeated until ~20 MB.
    paras = "\n\n".join(" ".join(p["sentences"]) for p in pools["fr"]) + "\n\n"
    reps = max(1, SPEED_BYTES // len(paras.encode("utf-8")))
    with open(prose_path, "w", encoding="utf-8") as f:
        for _ in range(reps):
            f.write(paras)

    with open(mixed_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    meta = {
        "build_version": BUILD_VERSION, "seed": SEED, "documents": len(docs),
        "packages": {pkg: v for pkg, (_d, v) in found.items()},
        "pool_sentences": {lang: sum(len(p["sentences"]) for p in ps) for lang, ps in pools.items()},
        "by_kind": {f"{b}-{s}": n for (b, s), n in {**COUNTS, **EXTRA_COUNTS}.items()},
        "headline_documents": sum(COUNTS.values()),
        "quote_spans": sum(len(d["spans"]) for d in docs),
        "pieces": sum(len(d["pieces"]) for d in docs),
        "sha256": digest,
    }
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1)
    print(f"build_mixed: wrote {len(docs)} documents to {mixed_path} "
          f"(pools: {meta['pool_sentences']}, sha256 {digest[:12]})", file=sys.stderr)


if __name__ == "__main__":
    main()
