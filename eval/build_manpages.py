#!/usr/bin/env python3
"""Build the technical-French set of `make eval`: Debian's French man pages.

Source: the man pages of Debian's `manpages-fr` package (French translations,
made with po4a, of the pages of many upstream projects) and, for the gold
English, the English originals of the pages the Linux man-pages project
writes (Debian's `manpages` package). Both are fetched with `apt-get
download` into .cache/debian/ (like eval/build_mixed.py) and unpacked with
`dpkg-deb -x`; nothing fetched is committed.

Each French page is rendered from its troff source to plain text by a small
converter (`Page`): headings, tagged paragraphs and filled paragraphs as a
`man` reader sees them, one output line per source line, a blank line
between paragraphs. The converter keeps, for every character, what the
source says it is, and that is where the gold comes from (the rule is
written out in eval/README.md, "The man-page set"):

  fr  roman-font (upright) text of filled paragraphs, outside the SYNOPSIS,
      the NAME line's names, paragraph tags (.TP/.IP), headings, no-fill and
      example blocks, tables, and quotation marks;
  en  the same kind of text in a paragraph left untranslated: the paragraph's
      text is, word for word, a paragraph of the English original page and
      holds at least three lowercase words of two letters or more
      (only pages with an English original are labelled at all);
  --  everything else (bold and italic text — commands, options,
      placeholders —, synopses, tags, code, tables, quoted values) is
      technical: not scored for its language.

Outputs (under --cache, default .cache):
  eval/manpages/<name>.<section>.txt   every French page as text (what duolex reads)
  eval/manpages.jsonl   one line per page: {"id", "file", "original": bool,
                        "gold": [{"start", "end", "lang"}]} (UTF-8 byte
                        offsets; gold only on pages with an original)
  eval/manpages.meta.json  package versions, counts, sha256 of manpages.jsonl
"""
import argparse
import glob
import gzip
import hashlib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_mixed import fetch_packages, unpack  # noqa: E402

BUILD_VERSION = 1
PACKAGES = [
    ("manpages-fr", "fr", "4.18.1-1"),
    ("manpages", "en", "6.03-2"),
]

# Special characters \(xx and \[name] that the pages use.
SPECIAL = {
    "em": "—", "en": "–", "hy": "-", "aq": "'", "dq": '"', "lq": "“", "rq": "”", "oq": "‘", "cq": "’",
    "Fo": "«", "Fc": "»", "fo": "‹", "fc": "›", "co": "©", "rg": "®", "tm": "™", "bu": "•", "ti": "~",
    "ha": "^", "rs": "\\", "sl": "/", "ba": "|", "or": "|", "at": "@", "sh": "#", "Do": "$", "Eu": "€",
    "+-": "±", "mu": "×", "di": "÷", "<=": "≤", ">=": "≥", "!=": "≠", "==": "≡", "->": "→", "<-": "←",
    "da": "↓", "ua": "↑", "de": "°", "ct": "¢", "ps": "¶", "sc": "§", "ga": "`", "aa": "´", "dg": "†",
    "lB": "[", "rB": "]", "lC": "{", "rC": "}", "la": "⟨", "ra": "⟩", "fm": "′", "mc": "µ", "*m": "µ",
    "pl": "+", "mi": "−", "eq": "=", "ul": "_", "ru": "_", "bv": "|", "br": "│", "hy;": "-",
    "'e": "é", "`e": "è", "^e": "ê", "'E": "É", "`a": "à", "^a": "â", ",c": "ç", "^o": "ô",
    "^i": "î", ":i": "ï", "`u": "ù", "^u": "û", ":u": "ü", ":o": "ö", ":a": "ä", "ss": "ß",
    "'a": "á", "'o": "ó", "'i": "í", "'u": "ú", "~n": "ñ", "oe": "œ", "OE": "Œ", "ae": "æ", "AE": "Æ",
    "12": "½", "14": "¼", "34": "¾", "sq": "□", "tf": "∴", "pc": "·", "Sd": "ð", "TP": "Þ",
}
# Predefined strings \*x, \*(xx, \*[name] (man and pod pages).
STRINGS = {"lq": "“", "rq": "”", "R": "®", "Tm": "™", "S": "", "q": '"', "C+": "C++", "C`": "“",
           "C'": "”", "L\"": "“", "R\"": "”", "PI": "π", "Am": "&"}
ROMAN, CODE = "R", "C"   # fonts kept: roman, or anything else (bold, italic, fixed)

QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}
CALLABLE_MDOC = {"Fl", "Ar", "Op", "Oo", "Oc", "Xr", "Pa", "Ns", "Cm", "Dv", "Er", "Ev", "Va", "Ic",
                 "Li", "Fn", "Fa", "Ft", "Nm", "Sy", "Em", "Dq", "Sq", "Qq", "Pq", "Aq", "Ql", "No",
                 "Xo", "Xc", "Bq", "Brq", "Ad", "An", "At", "Bx", "Lk", "Mt", "Tn", "Ux", "Vt"}


def split_args(s):
    """Macro arguments: blank-separated, "double quoted" ones may hold blanks."""
    args, i, n = [], 0, len(s)
    while i < n:
        while i < n and s[i] in " \t":
            i += 1
        if i >= n:
            break
        if s[i] == '"':
            i += 1
            buf = []
            while i < n:
                if s[i] == '"':
                    if i + 1 < n and s[i + 1] == '"':
                        buf.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                buf.append(s[i])
                i += 1
            args.append("".join(buf))
        else:
            j = i
            while j < n and s[j] not in " \t":
                # an escaped blank does not end the argument
                j += 2 if s[j] == "\\" and j + 1 < n else 1
            args.append(s[i:j])
            i = j
    return args


class Page:
    """A man page's source turned into text with a label per character.

    Blocks are paragraphs; each block is a list of lines; each line a list of
    (text, font) runs. `zone` marks what a block is: "prose", "tag", "head",
    "name", "synopsis", "code".
    """

    def __init__(self, source):
        self.strings = dict(STRINGS)
        self.blocks = []          # [(zone, [line = [(text, font)]])]
        self.cur = None           # current block's lines, or None
        self.section = ""
        self.link = ""            # .UR/.MT target, written at .UE/.ME
        self.font = ROMAN
        self.prev_font = ROMAN
        self.fill = True
        self.pending_tag = False  # .TP: the next text line is the tag
        self.pending_font = None  # .B / .I without arguments: font of the next line
        self.tbl = None           # inside .TS: "format" or "data"
        self.run(source)

    # -- blocks -------------------------------------------------------------
    def para(self):
        self.cur = None

    def emit(self, runs, newline=True, zone=None):
        """Add runs to the current block, on a new line unless `newline` is
        false; a block of another zone starts a new paragraph."""
        if zone is None:
            zone = self.default_zone()
        if self.cur is None or self.blocks[-1][0] != zone:
            self.cur = []
            self.blocks.append((zone, self.cur))
        if newline or not self.cur:
            self.cur.append([])
        self.cur[-1].extend(runs)

    def default_zone(self):
        if self.section in ("SYNOPSIS", "SYNTAXE", "RÉSUMÉ"):
            return "synopsis"
        if not self.fill or self.tbl:
            return "code"
        if self.section in ("NOM", "NAME"):
            return "name"
        return "prose"

    # -- escapes -------------------------------------------------------------
    def inline(self, s, font=None):
        """Runs of (text, font) for one line of troff text."""
        runs = []
        if font is not None:
            saved = (self.font, self.prev_font)
            self.font = font
        buf = []

        def flush():
            if buf:
                runs.append(("".join(buf), self.font))
                buf.clear()

        i, n = 0, len(s)
        while i < n:
            c = s[i]
            if c != "\\":
                buf.append(c)
                i += 1
                continue
            if i + 1 >= n:
                break
            e = s[i + 1]
            i += 2
            if e == "f":
                name, i = self.name_at(s, i)
                flush()
                new = {"R": ROMAN, "P": self.prev_font, "": ROMAN, "1": ROMAN}.get(name, CODE)
                if name in ("I", "B", "BI", "CW", "C", "CR", "CB", "CI", "2", "3", "4"):
                    new = CODE
                self.prev_font, self.font = self.font, new
            elif e == "(":
                buf.append(SPECIAL.get(s[i:i + 2], ""))
                i += 2
            elif e == "[":
                j = s.find("]", i)
                j = n if j < 0 else j
                name = s[i:j]
                i = j + 1
                if name.startswith("u") and re.fullmatch(r"u[0-9A-Fa-f]{4,5}", name):
                    buf.append(chr(int(name[1:], 16)))
                else:
                    buf.append(SPECIAL.get(name, ""))
            elif e == "*":
                name, i = self.name_at(s, i)
                buf.append(self.inline_string(name))
            elif e in "-":
                buf.append("-")
            elif e in "e\\":
                buf.append("\\")
            elif e in " ~0":
                buf.append(" ")
            elif e in "&,/|^:%c)!":
                pass
            elif e == ".":
                buf.append(".")
            elif e == "'":
                buf.append("´")
            elif e == "`":
                buf.append("`")
            elif e == '"':
                break   # comment to the end of the line
            elif e in "sS":
                # \s-1, \s+2, \s0, \s(12, \s[12]
                if i < n and s[i] in "+-":
                    i += 1
                if i < n and s[i] == "(":
                    i += 3
                elif i < n and s[i] == "[":
                    j = s.find("]", i)
                    i = n if j < 0 else j + 1
                elif i < n and s[i].isdigit():
                    i += 1
                    if i < n and s[i].isdigit() and s[i - 1] in "123":
                        i += 1
            elif e in "nmgkFVY":
                _name, i = self.name_at(s, i)
            elif e in "hvwlLoDbxXNRzZAB":
                # escapes with a delimited argument: \h'…', \w'…', \v'…'
                if i < n:
                    d = s[i]
                    j = s.find(d, i + 1)
                    i = n if j < 0 else j + 1
            elif e == "{" or e == "}":
                pass
            else:
                buf.append(e)
        flush()
        if font is not None:
            self.font, self.prev_font = saved
        return runs

    @staticmethod
    def name_at(s, i):
        """The name after \\f, \\*, \\n…: one character, (xx or [name]."""
        if i >= len(s):
            return "", i
        if s[i] == "(":
            return s[i + 1:i + 3], i + 3
        if s[i] == "[":
            j = s.find("]", i)
            j = len(s) if j < 0 else j
            return s[i + 1:j], j + 1
        return s[i], i + 1

    def inline_string(self, name):
        value = self.strings.get(name, "")
        return "".join(t for t, _f in self.inline(value)) if "\\" in value else value

    # -- requests and macros ---------------------------------------------------
    def run(self, source):
        lines = source.split("\n")
        skip_until = None     # ".." after .de, or a closing \} of a conditional block
        depth = 0
        for raw in lines:
            line = raw.rstrip("\r")
            if skip_until == "..":
                if line.strip() == "..":
                    skip_until = None
                continue
            if skip_until == "}":
                depth += line.count("\\{") - line.count("\\}")
                if depth <= 0:
                    skip_until = None
                continue
            if line.startswith((".\\\"", "'\\\"", '.\\"', "\\\"")) or line.strip() in (".", "'"):
                continue
            if line.startswith((".", "'")):
                body = line[1:].lstrip()
                m = re.match(r"(\S+)\s*(.*)", body)
                if not m:
                    continue
                name, rest = m.group(1), m.group(2)
                if name in ("if", "ie", "el", "while"):
                    opened = rest.count("\\{") - rest.count("\\}")
                    if opened > 0:
                        skip_until, depth = "}", opened
                    continue
                if name in ("de", "de1", "am", "ig"):
                    skip_until = ".."
                    continue
                self.request(name, rest)
                continue
            if self.tbl == "format":
                if line.rstrip().endswith("."):
                    self.tbl = "data"
                continue
            self.text(line)

    def text(self, line):
        if self.tbl == "data":
            line = line.replace("T{", "").replace("T}", "").replace("\t", "  ")
        if self.fill and not line.strip():
            self.para()
            return
        font = self.pending_font
        self.pending_font = None
        self.line(self.inline(line, font))

    def line(self, runs):
        """One line of output text: the tag of a pending .TP, or the next
        line of the current paragraph."""
        if self.pending_tag:
            self.pending_tag = False
            self.emit(runs, zone="tag")
            self.cur = None
            return
        self.emit(runs)

    def request(self, name, rest):
        args = split_args(rest)
        if name in ("SH", "SS", "Sh", "Ss"):
            title = " ".join(args)
            plain = "".join(t for t, _f in self.inline(title))
            if name in ("SH", "Sh"):
                self.section = plain.strip().upper()
            self.fill = True
            self.cur = None
            self.emit([(plain, CODE)], zone="head")
            self.cur = None
        elif name in ("PP", "P", "LP", "Pp", "sp", "Sp", "HP", "PD"):
            if name != "PD":
                self.cur = None
        elif name in ("TP", "TQ", "It"):
            self.cur = None
            if name == "It" and args:
                self.emit(self.mdoc(args), zone="tag")
                self.cur = None
            else:
                self.pending_tag = True
        elif name == "IP":
            self.cur = None
            if args and args[0]:
                runs = self.inline(args[0])
                if any(ch.isalpha() for t, _f in runs for ch in t):
                    self.emit(runs, zone="tag")
                    self.cur = None
        elif name == "br":
            if self.cur is not None:
                self.cur.append([])
        elif name in ("nf", "EX", "Vb"):
            self.fill = False
            self.cur = None
        elif name in ("fi", "EE", "Ve"):
            self.fill = True
            self.cur = None
        elif name == "TS":
            self.tbl = "format"
            self.cur = None
        elif name == "TE":
            self.tbl = None
            self.cur = None
        elif name in ("B", "I", "SB", "BI", "IB", "CW") and not args:
            self.pending_font = CODE
        elif name in ("B", "I", "SB"):
            self.line(self.inline(" ".join(args), CODE))
        elif name in ("SM", "Em"):
            self.line(self.inline(" ".join(args)))
        elif name in ("BR", "RB", "IR", "RI", "BI", "IB"):
            runs = []
            for k, a in enumerate(args):
                font = ROMAN if name[k % 2] == "R" else CODE
                runs.extend(self.inline(a, font))
            self.line(runs)
        elif name == "ft":
            f = args[0] if args else "P"
            self.prev_font, self.font = self.font, (ROMAN if f in ("R", "1") else
                                                    self.prev_font if f == "P" else CODE)
        elif name == "ds" and args:
            self.strings[args[0]] = rest[len(args[0]):].lstrip().lstrip('"')
        elif name in ("UR", "MT") and args:
            self.link = args[0]
        elif name in ("UE", "ME"):
            link = self.link
            if link:
                link = "".join(t for t, _f in self.inline(link))
                self.emit([(f" <{link}>", CODE)], newline=False)
            self.link = ""
            if args:
                self.emit([(args[0], ROMAN)], newline=False)
        elif name in ("URL", "MTO") and args:
            link = "".join(t for t, _f in self.inline(args[0]))
            self.line(self.inline(" ".join(args[1:2])) + [(f" <{link}>", CODE)])
        elif name and name[0].isupper() and len(name) == 2 and name[1].islower():
            # mdoc (or other) macros: their text is technical
            if name in ("Nd",):
                self.line([("— " + " ".join(args), ROMAN)])
            elif name in ("Dq", "Sq", "Qq", "Pq"):
                self.line([("“", ROMAN)] + self.mdoc(args, ROMAN) + [("”", ROMAN)])
            elif args:
                self.line(self.mdoc(args))
        # anything else (TH, RS, RE, in, ad, na, nh, hy, ne, IX, ti, ta, ll, ...)
        # has no text of its own

    def mdoc(self, args, font=CODE):
        runs, glue = [], True
        for a in args:
            if a in CALLABLE_MDOC:
                if a == "Fl":
                    runs.append((" -" if not glue else "-", CODE))
                    glue = True
                elif a == "Ns":
                    glue = True
                continue
            sep = "" if glue or re.fullmatch(r"[.,;:)\]]+", a) else " "
            runs.append((sep, font))
            runs.extend(self.inline(a, font))
            glue = False
        return runs

    # -- output -------------------------------------------------------------
    def render(self):
        """(text, labels, paragraph ids): per character, its label — "R"
        (upright prose), "C" (another font) or "-" (a zone that is
        technical whatever its font, and line breaks) — and the id of its
        paragraph (-1 between paragraphs). The text ends with one newline."""
        text, labels, paras = [], [], []
        pid = 0
        prev_zone = None
        for zone, lines in self.blocks:
            lines = [ln for ln in lines if "".join(t for t, _f in ln).strip()]
            if not lines:
                continue
            if text:
                # a tag's body follows its tag after a line break; any
                # other paragraph after a blank line; a heading's first
                # paragraph right below it
                sep = "\n" if prev_zone in ("tag", "head") and zone not in ("tag", "head") else "\n\n"
                text.append(sep)
                labels.append("-" * len(sep))
                paras.append([-1] * len(sep))
            pid += 1
            for k, ln in enumerate(lines):
                if k:
                    text.append("\n")
                    labels.append("-")
                    paras.append([pid])
                s = "".join(t for t, _f in ln)
                lead = len(s) - len(s.lstrip())
                s_trail = len(s.rstrip())
                pos = 0
                for t, f in ln:
                    for ch in t:
                        if lead <= pos < s_trail:
                            text.append(ch)
                            lab = f if zone in ("prose", "name") else "-"
                            labels.append(lab)
                            paras.append([pid])
                        pos += 1
            prev_zone = zone
        text.append("\n")
        labels.append("-")
        paras.append([-1])
        pids = [p for chunk in paras for p in chunk]
        out, labs = "".join(text), "".join(labels)
        assert len(out) == len(labs) == len(pids)
        return out, labs, pids


# A real word (the unit of the man-page rows and of the gold rule): a
# blank-separated token which, once the quotation marks, brackets and
# punctuation around it are stripped, is letters only (inner apostrophes and
# hyphens allowed), at least two letters, one of them a vowel, and not all
# capitals. Option names (-a, --all), placeholders (FICHIER), format codes
# (%k), assignments (bs=N), paths, calls (open(2)) and single letters are not.
EDGE_OPEN = "([{«“\"'‘<"
EDGE_CLOSE = ")]}»”\"'’>.,;:!?…"
CORE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæ")


def real_words(s):
    """The real words of a text (see above), in order."""
    out = []
    for tok in s.split():
        core = tok.lstrip(EDGE_OPEN).rstrip(EDGE_CLOSE)
        if (len(core) >= 2 and CORE.fullmatch(core) and any(c in VOWELS for c in core.lower())
                and not core.isupper()):
            out.append(core)
    return out


# English function words (as in build_mixed.py): an untranslated paragraph
# holds at least one, which keeps out lists of names.
EN_FUNCTION = set("""the of and to is are in for with that which this these it you be can or by from not
have has will should was were their its as at they there would could may must when if than
into your our been being does do about also only such""".split())


def norm(s):
    """A paragraph's text for comparison: blanks collapsed, none before
    closing punctuation (`.I hdX ,` renders `hdX ,`, po4a writes `hdX,`)."""
    return re.sub(r" ([,.;:)])", r"\1", " ".join(s.split()))


def gold_labels(text, labels, pids, english_paras):
    """Gold per character: "fr", "en" or None (technical, not scored)."""
    gold = [None] * len(text)
    by_para = {}
    for i, p in enumerate(pids):
        if p >= 0:
            by_para.setdefault(p, []).append(i)
    for p, idx in by_para.items():
        whole = norm("".join(text[i] for i in idx))
        upright = " ".join("".join(text[i] if labels[i] == "R" else " " for i in idx).split())
        words = real_words(upright)
        untranslated = (whole in english_paras and len(words) >= 3
                        and any(w.lower() in EN_FUNCTION for w in words))
        lang = "en" if untranslated else "fr"
        open_quote = None
        for i in idx:
            ch = text[i]
            if open_quote is None and ch in QUOTES:
                open_quote = QUOTES[ch]
                continue
            if open_quote is not None and ch == open_quote:
                open_quote = None
                continue
            if labels[i] == "R" and open_quote is None:
                gold[i] = lang
    return gold


def render_file(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    src = raw.decode("utf-8", errors="replace")
    if re.match(r"\s*\.so\s", src) and src.count("\n") <= 3:
        return None
    page = Page(src)
    text, labels, pids = page.render()
    # NAME section: "cmd1, cmd2 \- description": the names are technical
    labels = list(labels)
    m = re.search(r"(?m)^(NOM|NAME)\n(.*)$", text)
    if m:
        line_start = m.start(2)
        dash = re.search(r"\s[-–—]\s", m.group(2))
        end = line_start + (dash.start() if dash else len(m.group(2)))
        for i in range(line_start, end):
            labels[i] = "-"
    return text, "".join(labels), pids


def byte_spans(text, gold):
    """Maximal runs of one gold label as UTF-8 byte spans (letters only matter)."""
    spans, pos = [], 0
    cur = None
    for ch, g in zip(text, gold):
        n = len(ch.encode("utf-8"))
        if g is not None and cur is not None and cur["lang"] == g and cur["end"] == pos:
            cur["end"] = pos + n
        elif g is not None:
            cur = {"start": pos, "end": pos + n, "lang": g}
            spans.append(cur)
        pos += n
    return spans


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default=".cache")
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args()
    outdir = os.path.join(args.cache, "eval")
    meta_path = os.path.join(outdir, "manpages.meta.json")
    set_path = os.path.join(outdir, "manpages.jsonl")
    if not args.force and os.path.exists(meta_path) and os.path.exists(set_path):
        with open(meta_path) as f:
            meta = json.load(f)
        if meta.get("build_version") == BUILD_VERSION:
            print(f"build_manpages: cached set is current ({meta['pages']} pages)", file=sys.stderr)
            return

    debdir = os.path.join(args.cache, "debian")
    found = fetch_packages(debdir, PACKAGES)
    xroot = os.path.join(debdir, "x")
    for pkg, (deb, _v) in found.items():
        unpack(deb, os.path.join(xroot, pkg))
    fr_root = os.path.join(xroot, "manpages-fr", "usr", "share", "man", "fr")
    en_root = os.path.join(xroot, "manpages", "usr", "share", "man")

    pages_dir = os.path.join(outdir, "manpages")
    os.makedirs(pages_dir, exist_ok=True)
    for old in glob.glob(os.path.join(pages_dir, "*.txt")):
        os.remove(old)
    rows, counts = [], {"pages": 0, "with_original": 0, "gold_en_paragraphs": 0}
    for path in sorted(glob.glob(os.path.join(fr_root, "man*", "*.gz"))):
        if os.path.islink(path):
            continue
        section = os.path.basename(os.path.dirname(path))
        base = os.path.basename(path)[:-3]
        got = render_file(path)
        if got is None:
            continue
        text, labels, pids = got
        original = os.path.join(en_root, section, base + ".gz")
        english_paras = set()
        has_original = os.path.isfile(original) and not os.path.islink(original)
        if has_original:
            en = render_file(original)
            if en is None:
                has_original = False
            else:
                et, _el, ep = en
                ids = sorted(set(p for p in ep if p >= 0))
                chars = {}
                for ch, p in zip(et, ep):
                    if p >= 0:
                        chars.setdefault(p, []).append(ch)
                english_paras = {norm("".join(chars[p])) for p in ids}
        gold = gold_labels(text, labels, pids, english_paras) if has_original else [None] * len(text)
        spans = byte_spans(text, gold)
        file_name = f"{base}.txt"
        with open(os.path.join(pages_dir, file_name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        counts["pages"] += 1
        counts["with_original"] += has_original
        en_paras = set(p for p, g in zip(pids, gold) if g == "en")
        counts["gold_en_paragraphs"] += len(en_paras)
        rows.append({"id": base, "file": file_name, "original": has_original, "gold": spans})
    with open(set_path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(set_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    meta = {"build_version": BUILD_VERSION, "packages": {p: v for p, (_d, v) in found.items()},
            **counts, "sha256": digest}
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1)
    print(f"build_manpages: {counts['pages']} pages ({counts['with_original']} with an English original, "
          f"{counts['gold_en_paragraphs']} untranslated paragraphs), sha256 {digest[:12]}", file=sys.stderr)


if __name__ == "__main__":
    main()
