#!/usr/bin/env bash
# Entry point of `make eval`: build duolex, prepare data and tools under
# .cache/, then run eval/evaluate.py, which prints the results table.
#
# Environment:
#   DUOLEX       command to evaluate (may include arguments). When unset, the
#                release binary is built with cargo and target/release/duolex
#                is used; when set, nothing is built.
#   SHARED_EVAL  shared evaluation data (default ../shared/eval, relative to
#                the repository root).
#   EVAL_PEERS=1 also score lingua (fr+en) as a peer column (slower: installs
#                lingua-language-detector into the venv).
set -u
cd "$(dirname "$0")/.."
CACHE=.cache
SHARED_EVAL=${SHARED_EVAL:-../shared/eval}
mkdir -p "$CACHE/eval"

broken=""
if [ -z "${DUOLEX:-}" ]; then
    DUOLEX=target/release/duolex
    echo "== cargo build --release" >&2
    if ! cargo build --release --quiet; then
        broken="cargo build --release failed"
    fi
fi

# --- Python venv (nltk for the keyword scorer, yake and scikit-learn for the
# keyphrase baselines; lingua for EVAL_PEERS=1) ---------------------------
VENV=$CACHE/venv
PY=python3
want="nltk yake==0.7.3 scikit-learn"
[ "${EVAL_PEERS:-0}" = "1" ] && want="$want lingua-language-detector"
make_venv() {
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" >/dev/null 2>&1
}
if ! make_venv; then
    # Debian's python3 needs the python3-venv package for `-m venv`
    rm -rf "$VENV"
    echo "== python3 -m venv failed; installing python3-venv" >&2
    { apt-get install -y -qq python3-venv >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq python3-venv >/dev/null 2>&1; }; } \
        && make_venv || rm -rf "$VENV"
fi
if [ -x "$VENV/bin/python" ]; then
    for pkg in $want; do
        stamp="$VENV/.installed-$pkg"
        if [ ! -e "$stamp" ]; then
            echo "== pip install $pkg (into $VENV)" >&2
            "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$pkg" >&2 && touch "$stamp"
        fi
    done
    PY=$VENV/bin/python
else
    echo "WARNING: no venv at $VENV: keyword scoring (nltk) and peers will show n/a" >&2
fi

# --- mixed French/English documents (Debian documentation, cached) ----------
echo "== building the mixed set (cached under $CACHE/eval)" >&2
if ! python3 eval/build_mixed.py --cache "$CACHE"; then
    echo "WARNING: eval/build_mixed.py failed: mixed-document rows will show n/a" >&2
fi

# --- technical French: the man pages of manpages-fr (cached) ---------------
echo "== building the man-page set (cached under $CACHE/eval)" >&2
if ! python3 eval/build_manpages.py --cache "$CACHE"; then
    echo "WARNING: eval/build_manpages.py failed: man-page rows will show n/a" >&2
fi

# --- evaluation and table ----------------------------------------------------
args=(--duolex "$DUOLEX" --shared "$SHARED_EVAL" --cache "$CACHE")
[ -n "$broken" ] && args+=(--broken "$broken")
[ "${EVAL_PEERS:-0}" = "1" ] && args+=(--peers)
exec "$PY" eval/evaluate.py "${args[@]}"
