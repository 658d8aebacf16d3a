#!/usr/bin/env python3
"""Timing harness for the duolex end-to-end benchmark (standard library only).

Runs every command of the comparison BENCH_RUNS times, round-robin (run 1 of
every tool, then run 2 of every tool, ...) so that slow drifts in the load of
a shared machine hit all tools alike. For each run it records the wall-clock
time and the peak resident set size of the command, as GNU time's %M reports
it (the kernel's ru_maxrss; for a shell pipeline, the largest single process
of the pipeline, not the sum). It then prints a Markdown table and the target
ratios, and writes them to --md (and the raw numbers to --json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

MB = 1_000_000

CAT_SH = 'find "$1" -type f -print0 | xargs -0 cat > /dev/null'
# GNU tr works on bytes: with LC_ALL=C, [:alpha:] is the 52 ASCII letters, so
# every byte of a UTF-8 accented letter is a separator ("été" -> "t").
PIPE_SH = ('find "$1" -type f -print0 | xargs -0 cat '
           "| tr -cs '[:alpha:]' '\\n' | tr '[:upper:]' '[:lower:]' "
           '| sort | uniq -c > "$2"')


def log(msg: str) -> None:
    print(f"[measure] {msg}", file=sys.stderr, flush=True)


@dataclass
class Tool:
    key: str
    label: str
    argv: list[str] | None          # None: not available
    corpus: str                     # key into corpora
    why_missing: str = ""
    env: dict[str, str] = field(default_factory=dict)
    output: str = "dir"             # "dir": a directory; "file": a file in it; "none"
    runs: int = 0                   # 0: --runs
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    failure: str = ""
    capped: bool = False            # killed for passing --max-rss-mb


def group_rss_kb(pgid: int) -> int:
    """Sum of VmRSS over the processes of one process group (our command's)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as fh:
                stat = fh.read()
            # the fields after the ")" that closes the command name: state ppid pgrp ...
            if int(stat.rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            with open(f"/proc/{entry.name}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except (OSError, ValueError, IndexError):
            continue
    return total


def run_once(tool: Tool, corpus_path: str, outdir: Path, logfile: Path,
             timeout: float, max_rss_mb: float, time_bin: str | None) -> tuple[float, int, str]:
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    target = str(outdir / "counts.txt") if tool.output == "file" else str(outdir)
    argv = [a.replace("{CORPUS}", corpus_path).replace("{OUT}", target) for a in tool.argv]
    # A child forked from this Python process starts its ru_maxrss at
    # Python's own RSS (~20 MB), which would hide small peaks. GNU time is
    # small and forks the command itself, so its %M is the command's own peak.
    rss_file = logfile.with_suffix(".rss")
    if time_bin:
        argv = [time_bin, "-f", "%M", "-o", str(rss_file), *argv]
    env = dict(os.environ, **tool.env)
    with open(logfile, "w") as lf:
        lf.write("$ " + " ".join(argv) + "\n")
        lf.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=lf, stderr=lf,
                                env=env, start_new_session=True)
        # Guard the shared machine: kill the command if its resident memory
        # passes max_rss_mb, or when it runs longer than timeout.
        too_big = threading.Event()
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.5):
                if time.perf_counter() - start > timeout:
                    timed_out.set()
                elif group_rss_kb(proc.pid) * 1024 > max_rss_mb * MB:
                    too_big.set()
                else:
                    continue
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # the group of the command we started
                except ProcessLookupError:
                    pass
                return

        timed_out = threading.Event()
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = usage.ru_maxrss
    if time_bin:
        try:
            peak_kb = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
        rss_file.unlink(missing_ok=True)
    if timed_out.is_set():
        return elapsed, peak_kb, f"timed out after {timeout:.0f} s"
    if too_big.is_set():
        return elapsed, peak_kb, f"killed above {max_rss_mb:.0f} MB RSS"
    if proc.returncode != 0:
        return elapsed, peak_kb, f"exit {proc.returncode}"
    if tool.output != "none" and (
            not any(outdir.iterdir())
            or (tool.output == "file" and os.path.getsize(target) == 0)):
        return elapsed, peak_kb, "no output written"
    return elapsed, peak_kb, ""


def fmt(x: float | None, digits: int = 2) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-info", required=True, help="JSON manifest of the corpus")
    ap.add_argument("--corpus1g-info", help="JSON manifest of the 1 GB corpus")
    ap.add_argument("--duolex", help="duolex binary (omit if unavailable)")
    ap.add_argument("--duolex-missing", default="binary not built")
    ap.add_argument("--floor", help="Rust floor binary")
    ap.add_argument("--python", help="venv python with scikit-learn and nltk")
    ap.add_argument("--peers", required=True, help="folder with the Python peers")
    ap.add_argument("--work", required=True, help="scratch folder for outputs and logs")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--runs-1g", type=int, default=1, help="runs on the 1 GB corpus")
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--time-bin", default="/usr/bin/time", help="GNU time, for peak RSS")
    ap.add_argument("--max-rss-mb", type=float, default=16000,
                    help="kill a command whose resident memory passes this")
    ap.add_argument("--md", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--notes", default="", help="extra Markdown lines for the header")
    args = ap.parse_args()

    corpora = {"main": json.loads(Path(args.corpus_info).read_text())}
    if args.corpus1g_info:
        corpora["1g"] = json.loads(Path(args.corpus1g_info).read_text())
    main_c = corpora["main"]
    size_label = f"{main_c['bytes'] / MB:.0f} MB"

    def duolex(extra: list[str]) -> list[str] | None:
        if not args.duolex:
            return None
        return [args.duolex, "analyze", "{CORPUS}", "--out", "{OUT}", "--quiet", *extra]

    py = args.python
    peers = Path(args.peers)
    tools = [
        Tool("duolex", "duolex analyze", duolex([]), "main", args.duolex_missing),
        Tool("duolex-j1", "duolex analyze --jobs 1", duolex(["--jobs", "1"]), "main",
             args.duolex_missing),
        Tool("duolex-j2", "duolex analyze --jobs 2", duolex(["--jobs", "2"]), "main",
             args.duolex_missing),
        Tool("duolex-seg", "duolex analyze --tables segments (runs and word counts only)",
             duolex(["--tables", "segments"]), "main", args.duolex_missing),
        Tool("cat", "cat all files (read floor)", ["sh", "-c", CAT_SH, "sh", "{CORPUS}"],
             "main", output="none"),
        Tool("floor", "Rust floor: unicode_words + count",
             [args.floor, "{CORPUS}", "{OUT}"] if args.floor else None, "main",
             "floor not built", output="file"),
        Tool("floor-t1", "Rust floor, 1 thread",
             [args.floor, "{CORPUS}", "{OUT}"] if args.floor else None, "main",
             "floor not built", env={"RAYON_NUM_THREADS": "1"}, output="file"),
        Tool("pipeline", "tr | tr | sort | uniq -c (LC_ALL=C)",
             ["sh", "-c", PIPE_SH, "sh", "{CORPUS}", "{OUT}"], "main",
             env={"LC_ALL": "C"}, output="file"),
        Tool("countvec", "scikit-learn CountVectorizer",
             [py, str(peers / "countvec.py"), "{CORPUS}", "{OUT}"] if py else None, "main",
             "no Python venv", output="file"),
        Tool("snowball", "Python Counter + NLTK Snowball",
             [py, str(peers / "snowball_counter.py"), "{CORPUS}", "{OUT}"] if py else None,
             "main", "no Python venv", output="file"),
    ]
    if "1g" in corpora:
        tools += [
            Tool("duolex-1g", "duolex analyze, 1 GB corpus", duolex([]), "1g",
                 args.duolex_missing, runs=args.runs_1g),
            Tool("floor-1g", "Rust floor, 1 GB corpus",
                 [args.floor, "{CORPUS}", "{OUT}"] if args.floor else None, "1g",
                 "floor not built", output="file", runs=args.runs_1g),
        ]
    for t in tools:
        if t.argv is None:
            log(f"{t.label}: n/a ({t.why_missing})")

    time_bin = args.time_bin if args.time_bin and os.access(args.time_bin, os.X_OK) else None
    if not time_bin:
        log("no GNU time: peak RSS comes from wait4 and cannot read below this "
            "script's own RSS (~20 MB)")

    work = Path(args.work)
    (work / "logs").mkdir(parents=True, exist_ok=True)
    for stale in [*(work / "logs").glob("*.run*.log"), *(work / "logs").glob("*.run*.rss")]:
        stale.unlink()
    shutil.rmtree(work / "out", ignore_errors=True)

    # Warm the page cache (the 1 GB corpus is hard links to the same files).
    for info in corpora.values():
        log(f"warming the page cache: cat {info['path']}")
        subprocess.run(["sh", "-c", CAT_SH, "sh", info["path"]], check=True)

    load_before = os.getloadavg()
    for r in range(1, max([args.runs] + [t.runs for t in tools]) + 1):
        for t in tools:
            if t.argv is None or t.failure or r > (t.runs or args.runs):
                continue
            info = corpora[t.corpus]
            logfile = work / "logs" / f"{t.key}.run{r}.log"
            secs, rss, err = run_once(t, info["path"], work / "out" / t.key, logfile,
                                      args.timeout, args.max_rss_mb, time_bin)
            tag = f"run {r}/{t.runs or args.runs} {t.label}"
            if err:
                t.failure = f"{err}, see {logfile}"
                t.capped = err.startswith("killed above")
                log(f"{tag}: FAILED ({t.failure})")
                continue
            t.times.append(secs)
            t.rss_kb.append(rss)
            log(f"{tag}: {secs:.2f} s, peak RSS {rss * 1024 / MB:.0f} MB")
    load_after = os.getloadavg()

    by_key = {t.key: t for t in tools}

    def secs(key: str) -> float | None:
        t = by_key.get(key)
        return None if t is None or t.failure else median(t.times)

    def rate(key: str) -> float | None:
        s = secs(key)
        t = by_key.get(key)
        return None if s is None else corpora[t.corpus]["bytes"] / MB / s

    def peak_mb(key: str) -> float | None:
        t = by_key.get(key)
        return None if t is None or t.failure or not t.rss_kb else max(t.rss_kb) * 1024 / MB

    rows = []
    for t in tools:
        s = secs(t.key)
        if t.argv is None:
            cells = ["n/a"] * 4
            label = f"{t.label} ({t.why_missing})"
        elif t.failure:
            cells = ["failed"] + ["n/a"] * 3
            label = f"{t.label} ({t.failure.split(',')[0]})"
        else:
            # this tool's time over duolex's time on the same corpus
            ref_t = secs("duolex") if t.corpus == "main" else secs("duolex-1g")
            cells = [fmt(s), fmt(rate(t.key), 1),
                     "n/a" if ref_t is None else f"{s / ref_t:.2f}",
                     fmt(peak_mb(t.key), 0)]
            label = t.label
        rows.append([label] + cells)

    def ratio(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None or b == 0 else a / b

    def verdict(value: float | None, target: float, at_least: bool = True) -> str:
        if value is None:
            return "n/a"
        ok = value >= target if at_least else value <= target
        return f"{value:.2f}× ({'meets' if ok else 'MISSES'} target " \
               f"{'≥' if at_least else '≤'} {target:g}×)"

    targets = [
        ("duolex ÷ CountVectorizer throughput", verdict(ratio(rate("duolex"), rate("countvec")), 5)),
        ("duolex ÷ Rust floor throughput", verdict(ratio(rate("duolex"), rate("floor")), 0.7)),
        ("duolex jobs-2 ÷ jobs-1 throughput", verdict(ratio(rate("duolex-j2"), rate("duolex-j1")), 1.8)),
    ]
    if "1g" in corpora:
        rss_ratio = verdict(ratio(peak_mb("duolex-1g"), peak_mb("duolex")), 1.5, at_least=False)
        base = peak_mb("duolex")
        if by_key["duolex-1g"].capped and base:
            # killed at the cap: the ratio is at least cap / base
            rss_ratio = (f"> {args.max_rss_mb / base:.2f}× (killed at the "
                         f"{args.max_rss_mb:.0f} MB cap; MISSES target ≤ 1.5×)")
        targets.append((f"duolex peak RSS 1 GB ÷ {size_label}", rss_ratio))
    else:
        targets.append((f"duolex peak RSS 1 GB ÷ {size_label}", "not measured (run with BENCH_1G=1)"))
    context = [
        ("Rust floor 2 threads ÷ 1 thread (what this machine gave to 2 threads)",
         fmt(ratio(rate("floor"), rate("floor-t1")))),
    ]
    if "1g" in corpora:
        context.append((f"Rust floor peak RSS 1 GB ÷ {size_label}",
                        fmt(ratio(peak_mb("floor-1g"), peak_mb("floor")))))

    replic = (f"{main_c['unique_bytes'] / MB:.0f} MB of distinct text, replicated "
              f"({main_c.get('replica_rounds', 0)} extra rounds of hard-linked copies)"
              if main_c.get("replicated") else "no replication")
    lines = [
        f"## duolex end-to-end benchmark — corpus {size_label}",
        "",
        f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; "
        f"host: {os.cpu_count()} CPUs, {platform.machine()}; load average before/after: "
        f"{load_before[0]:.2f} / {load_after[0]:.2f}",
        f"- corpus: `{main_c['path']}`: {main_c['bytes'] / MB:.1f} MB in {main_c['files']} "
        f"files; {replic}",
    ]
    if "1g" in corpora:
        c = corpora["1g"]
        lines.append(f"- 1 GB corpus: `{c['path']}`: {c['bytes'] / MB:.0f} MB in {c['files']} "
                     f"files = {c['copies']} hard-linked copies of the main corpus "
                     f"(same vocabulary)")
    runs_note = f"{args.runs} runs per command"
    if "1g" in corpora:
        runs_note += f" ({args.runs_1g} on the 1 GB corpus)"
    lines.append(f"- {runs_note}, round-robin, page cache warm; "
                 f"seconds are medians, peak RSS is the largest of the runs")
    if args.notes:
        lines.extend(args.notes.splitlines())
    lines += ["", "| tool | seconds (median) | MB/s | time ÷ duolex | peak RSS (MB) |",
              "| --- | ---: | ---: | ---: | ---: |"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    lines.append("")
    lines += [f"- {name}: {val}" for name, val in targets]
    lines += [f"- (context) {name}: {val}" for name, val in context]
    text = "\n".join(lines) + "\n"
    Path(args.md).write_text(text)
    Path(args.json).write_text(json.dumps({
        "corpora": corpora,
        "runs": args.runs,
        "load_before": load_before, "load_after": load_after,
        "tools": {t.key: {"label": t.label, "argv": t.argv, "corpus": t.corpus,
                          "times": t.times, "rss_kb": t.rss_kb,
                          "failure": t.failure, "missing": t.argv is None and t.why_missing}
                  for t in tools},
    }, indent=1))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
