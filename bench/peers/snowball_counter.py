#!/usr/bin/env python3
"""Peer: plain Python word counting plus NLTK Snowball stemming, French/English.

Usage: snowball_counter.py CORPUS_DIR OUT_FILE

For each file: lowercase, take runs of letters, count them with
collections.Counter, and pick the file's language with a trivial rule (more
hits on a few French function words than on a few English ones -> French).
Words are counted per language first and each distinct word is stemmed once
afterwards (the usual way to keep a pure-Python stemmer affordable), then the
stem counts are written as CSV `lang,stem,count`. Single process.
"""
import csv
import re
import sys
from collections import Counter

from nltk.stem.snowball import SnowballStemmer

from walk import files_under  # bench/peers/walk.py

LETTERS = re.compile(r"[^\W\d_]+")
FRENCH_HINTS = ("le", "la", "les", "des", "du", "est", "une", "et", "pour",
                "dans", "que", "qui", "sur", "pas", "avec", "vous")
ENGLISH_HINTS = ("the", "and", "is", "of", "to", "in", "for", "that", "with",
                 "this", "are", "be", "by", "you", "it")


def main():
    root, out = sys.argv[1], sys.argv[2]
    words = {"french": Counter(), "english": Counter()}
    docs = Counter()
    for path in files_under(root):
        with open(path, encoding="utf-8", errors="replace") as fh:
            counts = Counter(LETTERS.findall(fh.read().lower()))
        french = sum(counts[w] for w in FRENCH_HINTS)
        english = sum(counts[w] for w in ENGLISH_HINTS)
        lang = "french" if french > english else "english"
        words[lang].update(counts)
        docs[lang] += 1
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["lang", "stem", "count"])
        for lang, counter in words.items():
            stem = SnowballStemmer(lang).stem
            stems = Counter()
            for word, n in counter.items():
                stems[stem(word)] += n
            for s, n in stems.most_common():
                writer.writerow([lang[:2], s, n])
            print(f"snowball: {lang}: {docs[lang]} files, {sum(counter.values())} tokens, "
                  f"{len(counter)} words, {len(stems)} stems", file=sys.stderr)


if __name__ == "__main__":
    main()
