#!/usr/bin/env python3
"""Corpus preparation for the duolex end-to-end benchmark (standard library only).

Sub-commands (all paths are created under the cache folder given with --cache):

  text     Extract the downloaded .deb files listed in bench/packages.txt and turn
           their man pages (gzipped roff) and HTML pages into plain UTF-8 .txt
           files under CACHE/bench/text/<package>/... . Texts identical to one
           already kept are dropped, so this folder holds the unique material.
  build    Make CACHE/bench/corpus<MB>/ of about MB megabytes from the text
           folder: a deterministic, language-mixed selection when there is more
           material than needed; every file plus hard-linked replicas under
           distinct names (copy-N/...) when there is less.
  build1g  Make CACHE/bench/corpus1g/ as K hard-linked copies of corpus<MB>,
           so that it is ~1 GB with exactly the same vocabulary.

Each step writes a small JSON manifest when it has finished; if the manifest
is present (and was written by the same version of this file), the step is
skipped, so a second run does no work.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Bump when the conversion or the corpus layout changes: cached results with
# another version are rebuilt.
VERSION = 4
MB = 1_000_000
MIN_TEXT_BYTES = 64


def log(msg: str) -> None:
    print(f"[corpus] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Package list
# --------------------------------------------------------------------------

def read_package_list(path: Path) -> list[tuple[str, re.Pattern | None]]:
    pkgs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 1)
        pattern = re.compile(parts[1].strip()) if len(parts) > 1 else None
        pkgs.append((parts[0], pattern))
    return pkgs


# --------------------------------------------------------------------------
# roff -> text (a crude man(7) renderer: keeps the prose, drops the markup)
# --------------------------------------------------------------------------

# Named glyphs, as in \(xx or \[xx]. Unknown names are dropped.
GLYPHS = {
    "em": "—", "en": "–", "hy": "-", "mi": "-", "-": "-", "aq": "'", "dq": '"',
    "lq": "“", "rq": "”", "oq": "‘", "cq": "’", "Fo": "«", "Fc": "»",
    "fo": "‹", "fc": "›", "bu": "•", "co": "©", "rg": "®", "tm": "™",
    "de": "°", "ti": "~", "ha": "^", "rs": "\\", "sl": "/", "ga": "`",
    "aa": "´", "pl": "+", "eq": "=", "mu": "×", "di": "÷", ">=": "≥",
    "<=": "≤", "!=": "≠", "->": "→", "<-": "←", "ua": "↑", "da": "↓",
    "sc": "§", "ps": "¶", "dg": "†", "ct": "¢", "Eu": "€", "eu": "€",
    "Po": "£", "Ye": "¥", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ",
    "OE": "Œ", "r!": "¡", "r?": "¿", "lB": "[", "rB": "]", "lC": "{",
    "rC": "}", "la": "⟨", "ra": "⟩", "ba": "|", "br": "|", "or": "|",
    "ul": "_", "ru": "_", "pc": "·", "12": "½", "14": "¼", "34": "¾",
    "sq": "□", "an": "-", "at": "@", "sh": "#", "Do": "$", "dd": "‡",
    "fm": "′", "sd": "″", "'": "´", "`": "`", "*a": "α", "*b": "β",
    "*m": "μ", "*p": "π", "+-": "±", "te": "∃", "fa": "∀", "if": "∞",
}
# Predefined strings, as in \*(xx or \*[xx].
STRINGS = {"lq": "“", "rq": "”", "R": "®", "Tm": "™", "aq": "'", "dq": '"'}
# Composite accents, as in \['e] or \(:a.
ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", ":": "\u0308",
           ",": "\u0327", "~": "\u0303", "o": "\u030a", "v": "\u030c"}
# One-character escapes with a text value; others become the character itself.
SIMPLE = {"-": "-", "e": "\\", "\\": "\\", " ": " ", "~": " ", "0": " ",
          "&": "", "%": "", "|": "", "^": "", "c": "", ":": "", ")": "",
          "/": "", ",": "", "{": "", "}": "", "d": "", "u": "", "p": "",
          "a": "", "t": " ", "'": "´", "`": "`", ".": ".", "r": "", "z": ""}

ESCAPE_RE = re.compile(
    r"""\\(?:
        (?P<comment>[\"\#].*$)
      | f(?:\[[^\]]*\]|\(..|.)
      | s(?:[+-]?\d|[+-]?\(\d\d|[+-]?\[[^\]]*\]|'[^']*')
      | [hvwlLDNoXZbxRSAB](?:'[^']*'|\[[^\]]*\])?
      | [nkgYVF\$](?:\[[^\]]*\]|\(..|.)
      | \*(?:\[(?P<sb>[^\]]*)\]|\((?P<s2>..)|(?P<s1>.))
      | \((?P<g2>..)
      | \[(?P<gb>[^\]]*)\]
      | (?P<one>.)
      | $
    )""",
    re.VERBOSE,
)


def glyph(name: str) -> str:
    if name in GLYPHS:
        return GLYPHS[name]
    if name.startswith("u") and re.fullmatch(r"u[0-9A-Fa-f]{4,6}(_[0-9A-Fa-f]{4,6})*", name):
        try:
            return unicodedata.normalize(
                "NFC", "".join(chr(int(p, 16)) for p in name[1:].split("_")))
        except (ValueError, OverflowError):
            return ""
    if name.startswith("char") and name[4:].isdigit():
        return chr(int(name[4:])) if int(name[4:]) < 0x110000 else ""
    if len(name) == 2 and name[0] in ACCENTS and name[1].isalpha():
        return unicodedata.normalize("NFC", name[1] + ACCENTS[name[0]])
    return ""


def expand_escapes(line: str) -> str:
    def sub(m: re.Match) -> str:
        if m.group("g2") is not None:
            return glyph(m.group("g2"))
        if m.group("gb") is not None:
            return glyph(m.group("gb"))
        for key in ("sb", "s2", "s1"):
            if m.group(key) is not None:
                return STRINGS.get(m.group(key), "")
        one = m.group("one")
        if one is not None:
            return SIMPLE.get(one, one)
        return ""  # comments, fonts, sizes, motions, registers, line end

    return ESCAPE_RE.sub(sub, line)


def split_args(rest: str) -> list[str]:
    """Split macro arguments the roff way: blanks separate, "..." groups."""
    args, cur, quoted, i = [], [], False, 0
    while i < len(rest):
        ch = rest[i]
        if quoted:
            if ch == '"':
                if i + 1 < len(rest) and rest[i + 1] == '"':
                    cur.append('"')
                    i += 1
                else:
                    quoted = False
            else:
                cur.append(ch)
        elif ch == '"' and not cur:
            quoted = True
        elif ch in " \t":
            if cur:
                args.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
        i += 1
    if cur:
        args.append("".join(cur))
    return args


FONT_SPACED = {"B", "I", "SM", "SB"}
FONT_ALTERNATING = {"BR", "RB", "BI", "IB", "IR", "RI"}
PARAGRAPH = {"PP", "LP", "P", "TP", "TQ", "HP", "sp", "RS", "RE", "EX", "EE",
             "nf", "fi", "bp", "SY", "YS"}
BREAK = {"br"}
SKIP_BLOCK = {"de", "de1", "am", "ig"}


def roff_to_text(src: str) -> str | None:
    """Return the prose of a man page, or None for a `.so` alias page."""
    out: list[str] = []
    lines = src.splitlines()
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        i += 1
        if line[:1] in (".", "'"):
            body = line[1:].lstrip(" \t")
            if body.startswith(('\\"', "\\#")) or not body:
                continue
            m = re.match(r"(\S+)\s*(.*)$", body)
            name, rest = (m.group(1), m.group(2)) if m else (body, "")
            if name == "so":
                if not any(x.strip() for x in out):
                    return None
                continue
            if name in SKIP_BLOCK:
                while i < n and lines[i].strip() != "..":
                    i += 1
                i += 1
                continue
            if name == "TS":
                i = _table(lines, i, out)
                continue
            args = [expand_escapes(a) for a in split_args(rest)]
            if name in ("SH", "SS"):
                out.append("")
                out.append(" ".join(args))
                out.append("")
            elif name in FONT_SPACED:
                # `.B` without arguments applies to the next text line, which
                # is kept as it is anyway
                if args:
                    out.append(" ".join(args))
            elif name in FONT_ALTERNATING:
                out.append("".join(args))
            elif name == "IP":
                out.append("")
                if args and args[0] not in ("\\(bu", "•", "*", "-"):
                    out.append(args[0])
            elif name == "OP":
                out.append("[" + " ".join(args) + "]")
            elif name in ("UR", "MT"):
                continue
            elif name in PARAGRAPH:
                out.append("")
            elif name in BREAK:
                out.append("\n")
            # any other request (TH, in, ti, ft, ad, na, ne, if, ie, el, ds,
            # nr, ...) carries no prose worth keeping
            continue
        out.append(expand_escapes(line))
    text = "\n".join(out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _table(lines: list[str], i: int, out: list[str]) -> int:
    """Skip tbl options/format lines, keep the cells of the data lines."""
    n = len(lines)
    # options line(s) end with ';', format line(s) end with '.'
    while i < n and not lines[i].rstrip().endswith("."):
        i += 1
    i += 1
    while i < n:
        row = lines[i]
        i += 1
        if row.startswith(".TE"):
            break
        if row.startswith((".", "'")) or row.strip() in ("_", "=", "T}", "T{"):
            continue
        row = row.replace("T{", "").replace("T}", "")
        cells = [expand_escapes(c).strip() for c in row.split("\t")]
        out.append("  ".join(c for c in cells if c not in ("_", "=")))
    return i


# --------------------------------------------------------------------------
# HTML -> text
# --------------------------------------------------------------------------

BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
    "h4", "h5", "h6", "tr", "table", "pre", "blockquote", "section",
    "article", "header", "footer", "nav", "aside", "hr", "title", "figure",
    "figcaption", "caption", "tbody", "thead", "form", "main", "address",
}
CELL_TAGS = {"td", "th"}
HIDDEN_TAGS = {"script", "style", "noscript", "template", "svg", "math"}


class _TextExtractor(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
            if tag == "pre":
                self.pre += 1
        elif tag in CELL_TAGS:
            self.parts.append("\t")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and not self.hidden:
                self.parts.append(f" {alt} ")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.hidden:
            return
        if self.pre:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(src: str) -> str:
    parser = _TextExtractor()
    parser.feed(src)
    parser.close()
    text = "".join(parser.parts)
    text = text.replace("\u00a0", " ")
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


# --------------------------------------------------------------------------
# `text` step
# --------------------------------------------------------------------------

def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def convert_one(job: tuple[str, str, str]) -> tuple[str, str | None]:
    kind, src, dst = job
    raw = Path(src).read_bytes()
    if src.endswith(".gz"):
        raw = gzip.decompress(raw)
    text = decode(raw)
    out = roff_to_text(text) if kind == "man" else html_to_text(text)
    return dst, out


def classify(rel: str) -> str | None:
    if re.match(r"usr/share/man/(?:[^/]+/)?man[^/]*/[^/]+$", rel):
        return "man"
    if re.search(r"\.x?html?(\.gz)?$", rel):
        return "html"
    return None


def out_name(pkg: str, rel: str) -> str:
    rel = re.sub(r"^usr/share/", "", rel)
    rel = re.sub(r"\.gz$", "", rel)
    rel = re.sub(r"\.x?html?$", "", rel)
    return f"{pkg}/{rel}.txt"


def deb_for(debdir: Path, pkg: str) -> Path | None:
    found = sorted(debdir.glob(f"{pkg}_*.deb"))
    return found[-1] if found else None


def step_text(args) -> int:
    cache = Path(args.cache)
    bench = cache / "bench"
    textdir = bench / "text"
    manifest = bench / "text.json"
    pkgs = read_package_list(Path(args.packages))
    debdir = cache / "debian"
    debs = {p: deb_for(debdir, p) for p, _ in pkgs}
    spec = [[p, pat.pattern if pat else None, debs[p].name if debs[p] else None]
            for p, pat in pkgs]
    if manifest.exists():
        old = json.loads(manifest.read_text())
        if old.get("version") == VERSION and old.get("packages") == spec:
            log(f"text cache is up to date ({old['files']} files, "
                f"{old['bytes'] / MB:.1f} MB): skipping extraction")
            return 0
    missing = [p for p, d in debs.items() if d is None]
    if missing:
        log(f"missing .deb files in {debdir}: {' '.join(missing)}")
        return 1

    extract = bench / "extract"
    shutil.rmtree(extract, ignore_errors=True)
    shutil.rmtree(textdir, ignore_errors=True)
    jobs: list[tuple[str, str, str]] = []
    for pkg, pattern in pkgs:
        root = extract / pkg
        root.mkdir(parents=True)
        subprocess.run(["dpkg-deb", "-x", str(debs[pkg]), str(root)], check=True)
        kept = 0
        for dirpath, _dirs, files in os.walk(root):
            for fname in files:
                full = Path(dirpath) / fname
                if full.is_symlink() or not full.is_file():
                    continue
                rel = full.relative_to(root).as_posix()
                kind = classify(rel)
                if kind is None or (pattern is not None and not pattern.search(rel)):
                    continue
                jobs.append((kind, str(full), str(textdir / out_name(pkg, rel))))
                kept += 1
        log(f"{pkg}: {kept} man/HTML files ({debs[pkg].name})")

    log(f"converting {len(jobs)} files to text ...")
    seen: set[bytes] = set()
    written = total = aliases = dupes = tiny = 0
    per_pkg: dict[str, list[int]] = {}
    with ProcessPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))) as pool:
        for dst, text in pool.map(convert_one, jobs, chunksize=16):
            if text is None:
                aliases += 1
                continue
            data = text.encode("utf-8")
            if len(data) < MIN_TEXT_BYTES:
                tiny += 1
                continue
            digest = hashlib.blake2b(data, digest_size=16).digest()
            if digest in seen:
                dupes += 1
                continue
            seen.add(digest)
            path = Path(dst)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written += 1
            total += len(data)
            pkg = path.relative_to(textdir).parts[0]
            acc = per_pkg.setdefault(pkg, [0, 0])
            acc[0] += 1
            acc[1] += len(data)
    shutil.rmtree(extract, ignore_errors=True)
    log(f"kept {written} texts, {total / MB:.1f} MB "
        f"(dropped {aliases} .so aliases, {dupes} duplicates, {tiny} near-empty)")
    manifest.write_text(json.dumps({
        "version": VERSION, "packages": spec, "build_id": time.time_ns(),
        "files": written, "bytes": total, "per_package": per_pkg,
    }, indent=1))
    return 0


# --------------------------------------------------------------------------
# `build` and `build1g` steps
# --------------------------------------------------------------------------

def list_texts(textdir: Path) -> list[tuple[str, int]]:
    items = []
    for dirpath, _dirs, files in os.walk(textdir):
        for fname in files:
            full = Path(dirpath) / fname
            items.append((full.relative_to(textdir).as_posix(), full.stat().st_size))
    # A fixed pseudo-random order mixes packages, hence French and English.
    items.sort(key=lambda it: hashlib.sha1(it[0].encode()).digest())
    return items


def link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def describe(info: dict) -> str:
    if info.get("replica_rounds"):
        return (f"{info['bytes'] / MB:.1f} MB in {info['files']} files; REPLICATED: only "
                f"{info['unique_bytes'] / MB:.1f} MB of distinct text, the rest are "
                f"hard-linked copies under copy-1..copy-{info['replica_rounds']}/")
    return f"{info['bytes'] / MB:.1f} MB in {info['files']} files, all distinct, no replication"


def step_build(args) -> int:
    bench = Path(args.cache) / "bench"
    textdir = bench / "text"
    text_manifest = json.loads((bench / "text.json").read_text())
    target = int(args.mb * MB)
    name = f"corpus{args.mb:g}"
    corpus = bench / name
    manifest = bench / f"{name}.json"
    key = {"version": VERSION, "path": str(corpus), "target_bytes": target,
           "text_build": text_manifest["build_id"], "text_bytes": text_manifest["bytes"],
           "text_files": text_manifest["files"]}
    if manifest.exists() and corpus.is_dir():
        old = json.loads(manifest.read_text())
        if all(old.get(k) == v for k, v in key.items()):
            log(f"{name} is up to date ({describe(old)}): skipping")
            print(json.dumps(old))
            return 0
    shutil.rmtree(corpus, ignore_errors=True)
    items = list_texts(textdir)
    unique = sum(size for _, size in items)
    size = files = 0
    copies = 0
    if unique >= target:
        for rel, fsize in items:
            if size >= target:
                break
            link(textdir / rel, corpus / rel)
            size += fsize
            files += 1
        unique_used = size
    else:
        for rel, fsize in items:
            link(textdir / rel, corpus / rel)
        size, files, unique_used = unique, len(items), unique
        while size < target:
            copies += 1
            for rel, fsize in items:
                if size >= target:
                    break
                link(textdir / rel, corpus / f"copy-{copies}" / rel)
                size += fsize
                files += 1
    info = dict(key, name=name, bytes=size, files=files,
                unique_bytes=unique_used, replica_rounds=copies,
                replicated=copies > 0)
    manifest.write_text(json.dumps(info, indent=1))
    log(f"{name}: {describe(info)}")
    print(json.dumps(info))
    return 0


def step_build1g(args) -> int:
    bench = Path(args.cache) / "bench"
    base_name = f"corpus{args.mb:g}"
    base = json.loads((bench / f"{base_name}.json").read_text())
    k = max(1, round(args.target_mb * MB / base["bytes"]))
    corpus = bench / "corpus1g"
    manifest = bench / "corpus1g.json"
    key = {"version": VERSION, "path": str(corpus), "base": base_name,
           "base_bytes": base["bytes"],
           "base_files": base["files"], "base_build": base["text_build"], "copies": k}
    if manifest.exists() and corpus.is_dir():
        old = json.loads(manifest.read_text())
        if all(old.get(kk) == v for kk, v in key.items()):
            log("corpus1g is up to date: skipping")
            print(json.dumps(old))
            return 0
    shutil.rmtree(corpus, ignore_errors=True)
    src = Path(base["path"])
    for c in range(1, k + 1):
        for dirpath, _dirs, files in os.walk(src):
            for fname in files:
                full = Path(dirpath) / fname
                link(full, corpus / f"set-{c}" / full.relative_to(src))
    info = dict(key, name="corpus1g", bytes=base["bytes"] * k,
                files=base["files"] * k, unique_bytes=base["unique_bytes"],
                replicated=True)
    manifest.write_text(json.dumps(info, indent=1))
    log(f"corpus1g: {k} hard-linked copies of {base_name}, {info['bytes'] / MB:.0f} MB, "
        f"{info['files']} files (same vocabulary as {base_name})")
    print(json.dumps(info))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", required=True, help="the .cache folder")
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("text")
    t.add_argument("--packages", required=True)
    b = sub.add_parser("build")
    b.add_argument("--mb", type=float, required=True)
    g = sub.add_parser("build1g")
    g.add_argument("--mb", type=float, required=True, help="size of the base corpus")
    g.add_argument("--target-mb", type=float, default=1000)
    args = ap.parse_args()
    args.cache = str(Path(args.cache).resolve())
    return {"text": step_text, "build": step_build, "build1g": step_build1g}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
