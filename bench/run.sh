#!/usr/bin/env bash
# End-to-end benchmark of duolex against a read floor, a bare Rust word-count
# floor, a Unix pipeline and two Python peers. See bench/README.md.
#
# Environment:
#   BENCH_MB       corpus size in MB (default 200; 20 for a quick smoke test)
#   BENCH_RUNS     runs per command, the median is reported (default 3)
#   BENCH_1G       1: also build a ~1 GB corpus and compare duolex's peak RSS
#   BENCH_1G_RUNS  runs per command on the 1 GB corpus (default 1)
#   BENCH_TIMEOUT  seconds before one command run is killed (default 1800)
#   BENCH_MAX_RSS_MB  resident memory (MB) above which a command is killed,
#                  to protect the shared machine (default 16000)
#   DUOLEX         duolex binary to use; if set, the script does not build it
#                  (default: target/release/duolex, built with cargo build --release)
#   PYTHON         interpreter used to create .cache/venv (default python3)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BENCH_MB="${BENCH_MB:-200}"
BENCH_RUNS="${BENCH_RUNS:-3}"
BENCH_1G="${BENCH_1G:-0}"
BENCH_1G_RUNS="${BENCH_1G_RUNS:-1}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-1800}"
BENCH_MAX_RSS_MB="${BENCH_MAX_RSS_MB:-16000}"
PYTHON="${PYTHON:-python3}"

CACHE="$ROOT/.cache"
DEBS="$CACHE/debian"
WORK="$CACHE/bench"
VENV="$CACHE/venv"
LOGS="$WORK/logs"
mkdir -p "$DEBS" "$WORK" "$LOGS"

say() { printf '\n==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }

case "$BENCH_MB" in
  ''|*[!0-9.]*) echo "BENCH_MB must be a number of megabytes, got '$BENCH_MB'" >&2; exit 2 ;;
esac
case "$BENCH_RUNS" in
  ''|*[!0-9]*|0) echo "BENCH_RUNS must be a positive integer, got '$BENCH_RUNS'" >&2; exit 2 ;;
esac
case "$BENCH_1G_RUNS" in
  ''|*[!0-9]*|0) echo "BENCH_1G_RUNS must be a positive integer, got '$BENCH_1G_RUNS'" >&2; exit 2 ;;
esac

# ---------------------------------------------------------------------------
# 1. Debian documentation packages -> plain text -> corpus of BENCH_MB MB
# ---------------------------------------------------------------------------
mapfile -t PACKAGES < <(grep -v '^[[:space:]]*#' bench/packages.txt | awk 'NF { print $1 }')

missing=()
for p in "${PACKAGES[@]}"; do
  compgen -G "$DEBS/${p}_*.deb" > /dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
  say "downloading ${#missing[@]} Debian packages into .cache/debian/"
  if ! apt-cache policy "${missing[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq
  fi
  # (as root, apt-get download notes that it runs unsandboxed: harmless)
  if ! (cd "$DEBS" && apt-get download "${missing[@]}") > "$LOGS/apt-download.log" 2>&1; then
    say "retrying the download after apt-get update (stale package lists?)"
    apt-get update -qq
    (cd "$DEBS" && apt-get download "${missing[@]}") >> "$LOGS/apt-download.log" 2>&1 || true
  fi
  for p in "${missing[@]}"; do
    if ! compgen -G "$DEBS/${p}_*.deb" > /dev/null; then
      tail -n 20 "$LOGS/apt-download.log" >&2
      echo "could not download $p (see $LOGS/apt-download.log)" >&2
      exit 1
    fi
  done
fi

say "converting man pages and HTML to text (cached in .cache/bench/text/)"
"$PYTHON" bench/corpus.py --cache "$CACHE" text --packages bench/packages.txt

say "building the ${BENCH_MB} MB corpus"
"$PYTHON" bench/corpus.py --cache "$CACHE" build --mb "$BENCH_MB" > /dev/null
CORPUS_NAME="corpus$("$PYTHON" -c "import sys; print(f'{float(sys.argv[1]):g}')" "$BENCH_MB")"
CORPUS_INFO="$WORK/$CORPUS_NAME.json"
CORPUS1G_ARGS=()
if [[ "$BENCH_1G" == 1 ]]; then
  say "building the ~1 GB corpus"
  "$PYTHON" bench/corpus.py --cache "$CACHE" build1g --mb "$BENCH_MB" > /dev/null
  CORPUS1G_ARGS=(--corpus1g-info "$WORK/corpus1g.json" --runs-1g "$BENCH_1G_RUNS")
fi

# ---------------------------------------------------------------------------
# 2. The commands to compare
# ---------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  say "installing GNU time (Debian package 'time') for peak RSS"
  apt-get install -y -qq time > "$LOGS/apt-time.log" 2>&1 || warn "could not install time; see $LOGS/apt-time.log"
fi
NOTES=()

DUOLEX_ARGS=()
if [[ -n "${DUOLEX:-}" ]]; then
  if [[ -x "$DUOLEX" ]]; then
    DUOLEX_ARGS=(--duolex "$(realpath "$DUOLEX")")
  else
    DUOLEX_ARGS=(--duolex-missing "DUOLEX=$DUOLEX is not an executable")
  fi
else
  DUOLEX="target/release/duolex"
  if [[ -f Cargo.toml ]]; then
    say "building duolex (cargo build --release; log in .cache/bench/logs/duolex-build.log)"
    if cargo build --release > "$LOGS/duolex-build.log" 2>&1; then
      if [[ -x "$DUOLEX" ]]; then
        DUOLEX_ARGS=(--duolex "$ROOT/$DUOLEX")
      else
        DUOLEX_ARGS=(--duolex-missing "build did not produce $DUOLEX")
      fi
    else
      warn "cargo build --release failed; duolex rows will read n/a. Last lines:"
      tail -n 15 "$LOGS/duolex-build.log" >&2 || true
      # a binary left over from an older build would not be the code under test
      DUOLEX_ARGS=(--duolex-missing "build failed")
    fi
  else
    DUOLEX_ARGS=(--duolex-missing "no Cargo.toml at the repository root")
  fi
fi
if [[ "${DUOLEX_ARGS[0]}" == --duolex ]]; then
  # Measure a copy, so that a rebuild of target/ during the run cannot swap
  # the binary between two rows.
  built_at="$(date -u -r "${DUOLEX_ARGS[1]}" '+%Y-%m-%d %H:%M UTC')"
  cp "${DUOLEX_ARGS[1]}" "$WORK/duolex-under-test"
  DUOLEX_FROM="${DUOLEX_ARGS[1]}"
  DUOLEX_ARGS=(--duolex "$WORK/duolex-under-test")
  rev="no commit yet"
  if git rev-parse -q --verify HEAD > /dev/null 2>&1; then
    rev="commit $(git rev-parse --short HEAD)"
    git diff --quiet HEAD -- 2> /dev/null || rev="$rev + uncommitted changes"
  fi
  NOTES+=("- duolex: copy of \`$DUOLEX_FROM\` built $built_at, work tree at $rev")
fi

say "building the Rust floor (bench/floor)"
FLOOR_ARGS=()
if cargo build --release --locked --manifest-path bench/floor/Cargo.toml \
     --target-dir bench/floor/target > "$LOGS/floor-build.log" 2>&1; then
  FLOOR_ARGS=(--floor "$ROOT/bench/floor/target/release/duolex-bench-floor")
else
  warn "the Rust floor did not build; see $LOGS/floor-build.log"
  tail -n 15 "$LOGS/floor-build.log" >&2 || true
fi

say "preparing the Python peers in .cache/venv"
PY_ARGS=()
REQ_STAMP="$VENV/.bench-requirements-$(sha1sum bench/requirements.txt | cut -c1-12)"
if [[ ! -x "$VENV/bin/python" ]]; then
  if ! "$PYTHON" -m venv "$VENV" 2> "$LOGS/venv.log"; then
    # Debian's python3 needs python3-venv for ensurepip
    rm -rf "$VENV"
    apt-get install -y -qq python3-venv >> "$LOGS/venv.log" 2>&1 || true
    "$PYTHON" -m venv "$VENV" >> "$LOGS/venv.log" 2>&1 || true
  fi
fi
if [[ -x "$VENV/bin/python" && ! -f "$REQ_STAMP" ]]; then
  if "$VENV/bin/python" -m pip install -q -r bench/requirements.txt > "$LOGS/pip.log" 2>&1; then
    rm -f "$VENV"/.bench-requirements-*
    touch "$REQ_STAMP"
  else
    warn "pip install failed; see $LOGS/pip.log"
  fi
fi
if [[ -f "$REQ_STAMP" ]]; then
  PY_ARGS=(--python "$VENV/bin/python")
  NOTES+=("- peers: $("$VENV/bin/python" -c 'import sys, sklearn, nltk; print(f"Python {sys.version.split()[0]}, scikit-learn {sklearn.__version__}, NLTK {nltk.__version__}")'); $(tr --version | head -n1), $(sort --version | head -n1 | sed 's/ (GNU coreutils)//'); $(rustc --version | cut -d' ' -f1-2)")
else
  warn "no usable venv: the Python peer rows will read n/a"
fi

# ---------------------------------------------------------------------------
# 3. Measure and report
# ---------------------------------------------------------------------------
say "measuring: ${BENCH_RUNS} runs of each command on $CORPUS_NAME"
NOTES_TEXT="$(printf '%s\n' "${NOTES[@]+"${NOTES[@]}"}")"
"$PYTHON" bench/measure.py \
  --corpus-info "$CORPUS_INFO" "${CORPUS1G_ARGS[@]+"${CORPUS1G_ARGS[@]}"}" \
  "${DUOLEX_ARGS[@]}" "${FLOOR_ARGS[@]+"${FLOOR_ARGS[@]}"}" "${PY_ARGS[@]+"${PY_ARGS[@]}"}" \
  --peers bench/peers --work "$WORK" --runs "$BENCH_RUNS" --timeout "$BENCH_TIMEOUT" \
  --max-rss-mb "$BENCH_MAX_RSS_MB" \
  --notes "$NOTES_TEXT" --md "$WORK/last.md" --json "$WORK/last.json"
echo "(table written to .cache/bench/last.md, raw timings to .cache/bench/last.json)"
