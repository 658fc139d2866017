#!/usr/bin/env python3
"""The Table 1 report: normalized performance NP = replicated / bare from a table1.sh results CSV.

    python3 benchmarks/table1_report.py benchmarks/results/table1-<date>.csv

table1.sh runs it after its runs (environment: NOISY_PCT, a run's share of other processes' CPU
above which it is marked, default 30; COMPANION=1 when every bare run had a bare companion).
table1_plot.py draws the same figures. Standard library only.
"""
import csv
import os
import statistics
import sys
from collections import defaultdict

WORKLOADS = ["cpu", "disk-write", "disk-read"]

# Bressoud & Schneider, Table 1: NP original -> revised, per epoch length, for cpu, disk-write, disk-read.
PAPER = {
    1024: ((22.24, 11.67), (1.87, 1.70), (2.32, 1.92)),
    2048: ((11.83, 4.49), (1.71, 1.66), (2.10, 1.76)),
    4096: ((6.50, 3.21), (1.67, 1.66), (2.03, 1.72)),
    8192: ((3.83, 2.20), (1.64, 1.64), (1.98, 1.70)),
}


def secs(r):
    """A run's time: with warm-up, the guest's own timing of its timed iterations only."""
    return float(r["guest_seconds"]) if int(r.get("warmup") or 0) > 0 else float(r["seconds"])


class Results:
    """The runs of one CSV, grouped into Table 1's cells."""

    def __init__(self, rows):
        self.rows = rows
        self.workloads = [w for w in WORKLOADS if any(r["workload"] == w for r in rows)]
        # Per measurement, the successful attempt least disturbed by other processes.
        self.best = {}
        for r in rows:
            if r["status"] != "ok":
                continue
            k = (r["workload"], r["mode"], int(r["epoch"]), r["rep"], r.get("pair") or "")
            if k not in self.best or float(r["other_cpu_pct"]) < float(self.best[k]["other_cpu_pct"]):
                self.best[k] = r
        self.bare = defaultdict(list)
        reps = defaultdict(list)
        # PAIRS: per cell, the ratios of each replicated run to the bare run right before it.
        paired = defaultdict(dict)
        for (w, m, ep, _, pair), r in self.best.items():
            if m == "bare":
                self.bare[w].append(r)
            else:
                reps[(w, ep, m)].append(r)
            if pair:
                paired[(w, pair)][m == "bare"] = r
        self.ratios = defaultdict(list)
        for (w, pair), both in paired.items():
            if True in both and False in both:
                r = both[False]
                self.ratios[(w, int(r["epoch"]), r["mode"])].append(secs(r) / secs(both[True]))
        # A cell's representative run: the one of median time.
        self.rep = {k: sorted(v, key=secs)[(len(v) - 1) // 2] for k, v in reps.items()}
        self.base = {w: statistics.median(secs(r) for r in v) for w, v in self.bare.items()}
        self.epochs = sorted({int(r["epoch"]) for r in rows if r["mode"] != "bare"})
        self.modes = []
        for r in rows:
            if r["mode"] != "bare" and r["mode"] not in self.modes:
                self.modes.append(r["mode"])

    def np(self, w, ep, m):
        """A cell's NP: the median of its paired ratios, else its median run over the median bare run; None if missing."""
        if self.ratios.get((w, ep, m)):
            return statistics.median(self.ratios[(w, ep, m)])
        r = self.rep.get((w, ep, m))
        if r is None or w not in self.base:
            return None
        return secs(r) / self.base[w]


COLUMNS = ["workload", "mode", "epoch", "rep", "status", "seconds", "other_cpu_pct"]


def load(path):
    """Reads a results file; ValueError if it lacks the columns table1.sh writes."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError("not a table1.sh results file (no column " + ", ".join(missing) + ")")
        return Results(list(reader))


def report(res, noisy, companion):
    rows, W, rep, base, modes, epochs = res.rows, res.workloads, res.rep, res.base, res.modes, res.epochs
    arrow = " -> ".join(modes)

    def cell(w, ep, f, mark):
        out = []
        for m in modes:
            r = rep.get((w, ep, m))
            if r is None:
                out.append("FAIL")
            else:
                star = "*" if mark and float(r["other_cpu_pct"]) > noisy else ""
                out.append(f(w, r) + star)
        return " -> ".join(out)

    def table(title, f, mark=True):
        print(f"\n{title}\n")
        print("| epoch | " + " | ".join(W) + " |")
        print("|---|" + "---|" * len(W))
        for ep in epochs:
            print(f"| {ep // 1024}K | " + " | ".join(cell(w, ep, f, mark) for w in W) + " |")

    def np_(w, r):
        v = res.np(w, int(r["epoch"]), r["mode"])
        return "n/a" if v is None else f"{v:.2f}"

    warm = {r["workload"] for r in rows if int(r.get("warmup") or 0) > 0}
    table(f"Normalized performance NP = replicated / bare ({arrow})"
          + (", median of each cell's paired ratios" if res.ratios else "")
          + (", each bare run sharing the machine with a second bare copy (COMPANION=1)" if companion else "")
          + (", timed by the guest after its warm-up iterations (" + ", ".join(sorted(warm)) + ")" if warm else ""), np_)
    if res.ratios:
        print("\nPaired ratios (replicated / the bare run right before it), in run order\n")
        for (w, ep, m), v in sorted(res.ratios.items()):
            print(f"- {w} {ep // 1024}K {m}: " + ", ".join(f"{x:.2f}" for x in v))
    table(f"Replication bytes per epoch, primary -> backup ({arrow})",
          lambda w, r: f"{float(r['bytes_per_epoch']):.0f}", mark=False)
    table(f"Replicated time in seconds ({arrow})", lambda w, r: f"{secs(r):.2f}")
    table(f"Instructions executed by the replicated guest, millions ({arrow})",
          lambda w, r: f"{int(r['instructions']) / 1e6:.1f}", mark=False)
    print("\nBare runs\n")
    print("| workload | iterations | bare s (median) | runs (s) | instructions, millions |")
    print("|---|---|---|---|---|")
    for w in W:
        if w not in base:
            print(f"| {w} | | FAIL | | |")
            continue
        b = sorted(res.bare[w], key=lambda r: (r.get("pair") or "", int(r["rep"])))
        runs = ", ".join(f"{secs(r):.3f}" + ("*" if float(r["other_cpu_pct"]) > noisy else "") for r in b)
        print(f"| {w} | {b[0]['iterations']} | {base[w]:.3f} | {runs} | {int(b[0]['instructions']) / 1e6:.1f} |")
    if any(float(r["other_cpu_pct"]) > noisy for r in res.best.values()):
        print(f"\n* other processes used more than {noisy:.0f}% of the CPU time during that run (after retries)")
    print("\nPaper, Table 1 (original -> revised)\n")
    print("| epoch | " + " | ".join(W) + " |")
    print("|---|" + "---|" * len(W))
    for ep, v in PAPER.items():
        print(f"| {ep // 1024}K | " + " | ".join("%.2f -> %.2f" % v[WORKLOADS.index(w)] for w in W) + " |")
    failed = [f"{r['workload']}/{r['mode']}/{r['epoch']} (attempt {r['attempt']})" for r in rows if r["status"] != "ok"]
    if failed:
        print("\nFAILED runs: " + ", ".join(failed))


def main(argv):
    if len(argv) != 2:
        print("usage: table1_report.py RESULTS.csv", file=sys.stderr)
        return 2
    try:
        res = load(argv[1])
    except (OSError, KeyError, ValueError, csv.Error) as e:
        print(f"table1_report.py: cannot read {argv[1]}: {e}", file=sys.stderr)
        return 2
    report(res, float(os.environ.get("NOISY_PCT", "30")), os.environ.get("COMPANION") == "1")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
