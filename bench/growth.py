#!/usr/bin/env python3
"""Growth benchmark: is `duolex analyze` linear in the size of hostile text?

Each generator below writes one file of about S bytes, then 2S, then 4S
(white-space free blobs, endless brackets, URL ends, slash chains …). The
script times `duolex analyze FILE` on each (the run with the least CPU
time of GROWTH_RUNS) and prints the CPU-time ratio of every doubling (CPU
time, user + system over all threads, is the work done: on a shared machine
it varies much less than wall-clock time). Linear time gives ≈ 2; a ratio
above GROWTH_MAX_RATIO (2.5) on the last doubling is a failure, measured a
second time before it is reported. Then it times (wall clock) the 50 MB
white-space-free files the README promises to analyse in under 30 s.

    python3 bench/growth.py                 # all generators, then the 50 MB files
    GROWTH_MB=0.25 python3 bench/growth.py  # smaller sizes (e.g. an old binary)
    python3 bench/growth.py url slash       # only generators whose name holds a word

Environment:
    DUOLEX            binary to measure (default: target/release/duolex, built
                      with `cargo build --release --locked` when unset)
    GROWTH_MB         S in MB (default 1: sizes 1, 2 and 4 MB stay under the
                      4 MiB above which the pipeline detects a text by sections,
                      a different path whose constant would show as a jump)
    GROWTH_RUNS       runs per size, the fastest is kept (default 2)
    GROWTH_TIMEOUT    seconds before a run counts as failed (default 60)
    GROWTH_MAX_RATIO  largest acceptable ratio per doubling (default 2.5)
    GROWTH_BIG_MB     size of the white-space-free files timed at the end
                      (default 50; 0 skips them)
    GROWTH_BIG_LIMIT  seconds allowed for each of them (default 30)

Exit status: 0 when every ratio and the big files are within bounds, 1
otherwise. This is a benchmark (run by `make bench`), not a test: timings
depend on the machine and its load.
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FR = "Le modèle est ouvert et les données sont publiques. "
EN = "The model is open and the data are public. "

# A paragraph of the sample corpus's kind, for the white-space-free text.
PROSE = (
    "L’univers de l’IA vient de vivre un séisme : DeepSeek, une start-up "
    "chinoise, a publié R1, un modèle « impressionnant » selon Sam Altman. "
    "Aujourd’hui, les États-Unis s’inquiètent ; le Nasdaq a perdu 3,1 % et "
    "Nvidia 17 %. « deepseek's r1 is an impressive model, particularly around "
    "what they're able to deliver for the price », a-t-il écrit le 27/01/2025 "
    "à 08:02 (https://x.com/sama/status/1883305404089901269). M. Dupont, "
    "prof. à l’Univ. de Paris, cite 1 000 000 € et 20h30, e-mail : x@y.fr. "
)


def repeat(unit, size, head=FR):
    """`head`, then `unit` repeated to about `size` bytes."""
    n = max(1, (size - len(head.encode())) // len(unit.encode()))
    return head + unit * n


def mixed(alphabet, size, head=FR, seed=1):
    """`head`, then `size` bytes drawn from `alphabet` with a fixed seed."""
    rng = random.Random(seed)
    chars = []
    total = len(head.encode())
    while total < size:
        c = rng.choice(alphabet)
        chars.append(c)
        total += len(c.encode())
    return head + "".join(chars)


def no_white_space(size):
    """Real prose with every white-space character removed."""
    flat = "".join(PROSE.split())
    return (flat * (size // len(flat.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")


def one_word(size):
    """One French "word" of letters where Snowball's prelude rewrites a
    letter every three (an `i` between vowels)."""
    return repeat("aia", size, head="lemodèle")


# name → size → text. Each stands for a family of hostile input.
GENERATORS = {
    "url + brackets": lambda s: repeat(")", s, head=FR + "voir https://example.com/a"),
    "url + closing punctuation": lambda s: repeat(").,;!?", s, head=FR + "https://a.fr/(b"),
    "urls without spaces": lambda s: repeat("https://a.fr/x),", s),
    "slash chain": lambda s: repeat("a/", s),
    "slash chain, digits": lambda s: repeat("1/", s),
    "no white space, prose": no_white_space,
    "no white space, one word": one_word,
    "no white space, random": lambda s: mixed(
        list("abcdeéèàçôûAEIOUXYZ0123456789.,;:!?'’-/()[]@#_«»\"&%+=*"), s),
    "repeated punctuation": lambda s: repeat(".", s),
    "punctuation mix": lambda s: mixed(list(".,;:!?…-–—/\\|*&%$+=<>~^`"), s),
    "punctuation between words": lambda s: repeat("a.", s),
    "opening brackets": lambda s: repeat("(", s),
    "nested brackets": lambda s: FR + "(" * (s // 2) + ")" * (s // 2),
    "quotation marks": lambda s: repeat("« a “b ‘c \"d ", s),
    "digits": lambda s: repeat("1", s),
    "digit groups": lambda s: repeat(" 000", s, head=FR + "1"),
    "digits and separators": lambda s: repeat("1,2.3:4/", s),
    "apostrophes": lambda s: repeat("'", s),
    "elision chain": lambda s: repeat("l’", s),
    "apostrophes in words": lambda s: repeat("aujourd’hui'", s),
    "english apostrophes": lambda s: repeat("it's'", s, head=EN),
    "hyphen chain": lambda s: repeat("a-", s),
    "hyphens": lambda s: repeat("-", s),
    "inverted pronouns": lambda s: repeat("a-t-il-", s),
    "english hyphen chain": lambda s: repeat("re-", s, head=EN),
    "combining marks, one letter": lambda s: repeat("\u0301", s, head=FR + "e"),
    "combining marks, many letters": lambda s: repeat("e\u0301", s),
    "one-letter words": lambda s: repeat("a ", s),
    "one-letter words and stops": lambda s: repeat("a. ", s),
    "initials": lambda s: repeat("J.-", s),
    "abbreviations": lambda s: repeat("M. ", s),
    "mentions": lambda s: repeat("@a", s),
    "e-mail-like": lambda s: repeat("a@b.", s),
    "hashtags": lambda s: repeat("#a", s),
    "emoticons": lambda s: repeat("<3,1a", s),
    "emoji sequence": lambda s: repeat("👩\u200d", s),
}


def duolex_binary():
    if os.environ.get("DUOLEX"):
        return os.path.abspath(os.environ["DUOLEX"])
    print("==> cargo build --release --locked", file=sys.stderr)
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "duolex")


def time_run(duolex, path, out, timeout):
    """(wall seconds, CPU seconds) of `duolex analyze path`, or None if it
    failed or ran longer than `timeout` wall-clock seconds."""
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    p = subprocess.Popen([duolex, "analyze", path, "--out", out, "--quiet"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timer = threading.Timer(timeout, p.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(p.pid, 0)
    finally:
        timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - t0
    if p.returncode != 0:
        return None
    return elapsed, usage.ru_utime + usage.ru_stime


def best(duolex, path, out, runs, timeout):
    """The run with the least CPU time."""
    times = []
    for _ in range(runs):
        t = time_run(duolex, path, out, timeout)
        if t is None:
            return None
        times.append(t)
    return min(times, key=lambda t: t[1])


def measure(duolex, gen, size, work, runs, timeout):
    path = os.path.join(work, "input.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(gen(size))
    return best(duolex, path, os.path.join(work, "out"), runs, timeout)


def main():
    mb = float(os.environ.get("GROWTH_MB", "1"))
    runs = int(os.environ.get("GROWTH_RUNS", "2"))
    timeout = float(os.environ.get("GROWTH_TIMEOUT", "60"))
    max_ratio = float(os.environ.get("GROWTH_MAX_RATIO", "2.5"))
    big_mb = float(os.environ.get("GROWTH_BIG_MB", "50"))
    big_limit = float(os.environ.get("GROWTH_BIG_LIMIT", "30"))
    only = sys.argv[1:]
    duolex = duolex_binary()
    size = int(mb * 1e6)
    sizes = [size, 2 * size, 4 * size]
    failures = []
    with tempfile.TemporaryDirectory(prefix="duolex-growth-") as work:
        print(f"duolex analyze on hostile text: CPU seconds (wall seconds), best of {runs} "
              "runs; sizes " + ", ".join(f"{s / 1e6:g} MB" for s in sizes)
              + f"; a doubling should cost ≤ {max_ratio}× the CPU time\n")
        print(f"| generator | {' | '.join(f'{s / 1e6:g} MB' for s in sizes)} "
              "| ratios | verdict |")
        print("|---|" + "---:|" * len(sizes) + "---|---|")
        for name, gen in GENERATORS.items():
            if only and not any(w in name for w in only):
                continue
            times = []
            for s in sizes:
                t = measure(duolex, gen, s, work, runs, timeout)
                times.append(t)
                if t is None:
                    break
            ratios = [b[1] / a[1] for a, b in zip(times, times[1:]) if a and b]
            ok = None not in times and len(ratios) == len(sizes) - 1
            if ok and ratios[-1] > max_ratio:
                # Noise on a shared machine: measure the last doubling again.
                again = [measure(duolex, gen, s, work, runs, timeout) for s in sizes[-2:]]
                if None not in again:
                    ratios[-1] = min(ratios[-1], again[1][1] / again[0][1])
            ok = ok and ratios[-1] <= max_ratio
            if not ok:
                failures.append(name)
            cells = [f"{t[1]:.3f} ({t[0]:.2f})" if t is not None else f"> {timeout:g} wall"
                     for t in times]
            cells += ["—"] * (len(sizes) - len(cells))
            print(f"| {name} | {' | '.join(cells)} | "
                  f"{' '.join(f'{r:.2f}' for r in ratios) or '—'} | {'ok' if ok else 'FAIL'} |",
                  flush=True)
        if big_mb > 0:
            print(f"\n50 MB class: {big_mb:g} MB without white space, limit {big_limit:g} s")
            for name, gen in [("no white space, prose", no_white_space),
                              ("no white space, one word", one_word)]:
                if only and not any(w in name for w in only):
                    continue
                t = measure(duolex, gen, int(big_mb * 1e6), work, 1, max(timeout, 2 * big_limit))
                ok = t is not None and t[0] <= big_limit
                if not ok:
                    failures.append(f"{name} ({big_mb:g} MB)")
                shown = (f"{t[0]:.1f} s wall, {t[1]:.1f} s CPU" if t is not None
                         else "failed or timed out")
                print(f"- {name}: {shown} — {'ok' if ok else 'FAIL'}", flush=True)
    if failures:
        print("\nFAILED: " + ", ".join(failures))
        return 1
    print("\nall linear")
    return 0


if __name__ == "__main__":
    sys.exit(main())
