#!/usr/bin/env python3
"""Peer: scikit-learn CountVectorizer over every file of a folder.

Usage: countvec.py CORPUS_DIR OUT_FILE

fit_transform over all files (defaults: lowercase, token pattern (?u)\\b\\w\\w+\\b,
so one-letter words are not counted), then sums the document-term matrix over
the documents to get corpus-wide term counts, and writes `term<TAB>count` lines.
"""
import sys

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from walk import files_under  # bench/peers/walk.py


def main():
    root, out = sys.argv[1], sys.argv[2]
    paths = list(files_under(root))
    vectorizer = CountVectorizer(input="filename", encoding="utf-8", decode_error="replace")
    matrix = vectorizer.fit_transform(paths)
    totals = np.asarray(matrix.sum(axis=0)).ravel()
    terms = vectorizer.get_feature_names_out()
    with open(out, "w", encoding="utf-8") as fh:
        for term, count in zip(terms, totals):
            fh.write(f"{term}\t{count}\n")
    print(f"countvec: {len(paths)} files, {int(totals.sum())} tokens, "
          f"{len(terms)} distinct terms", file=sys.stderr)


if __name__ == "__main__":
    main()
