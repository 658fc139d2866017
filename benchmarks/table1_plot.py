#!/usr/bin/env python3
"""Table 1 as a figure: NP against epoch length, ours beside the paper's, from a table1.sh CSV.

    python3 benchmarks/table1_plot.py benchmarks/results/table1-<date>.csv [-o OUT.svg]

One panel per workload; NP on a logarithmic scale, epoch lengths on a base-2 one. Solid lines
are ours (the cells table1_report.py prints), dashed lines the paper's, the small dots each
paired ratio of a cell (PAIRS=N), the dotted line the revised protocol's target (1.10 for cpu,
1.3 for the disk workloads). Writes an SVG (default: the CSV's name with .svg). Standard
library only.
"""
import math
import os
import sys
from xml.sax.saxutils import escape

import table1_report as t1

TARGET = {"cpu": 1.10, "disk-write": 1.3, "disk-read": 1.3}
COLOUR = {"original": "#c0392b", "revised": "#2471a3", "output-rule": "#1e8449"}
PANEL_W, PANEL_H = 300, 250
LEFT, TOP, GAP, BOTTOM = 56, 64, 40, 46
Y_TICKS = [1, 1.2, 1.5, 2, 3, 5, 7, 10, 15, 20, 30, 50]


def y_range(values):
    hi = max(values + [1.4])
    top = next((t for t in Y_TICKS if t >= hi * 1.05), Y_TICKS[-1])
    return 1.0 if min(values + [1.0]) >= 1.0 else min(values) * 0.95, top


def svg(res, title):
    epochs = sorted(set(res.epochs) | set(t1.PAPER))
    x_lo, x_hi = math.log2(epochs[0]), math.log2(epochs[-1])
    width = LEFT + len(res.workloads) * (PANEL_W + GAP)
    height = TOP + PANEL_H + BOTTOM + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{LEFT}" y="18" font-size="13">{escape(title)}</text>']
    # Legend.
    lx = LEFT
    for label, colour, dash in [(f"{m}, hbft", COLOUR.get(m, "#555"), "") for m in res.modes] + \
            [(f"{m}, paper", COLOUR[m], "5,3") for m in ("original", "revised")] + [("revised target", "#777", "2,2")]:
        out.append(f'<line x1="{lx}" y1="36" x2="{lx + 22}" y2="36" stroke="{colour}" stroke-width="2" '
                   f'stroke-dasharray="{dash}"/>')
        out.append(f'<text x="{lx + 26}" y="40">{escape(label)}</text>')
        lx += 34 + 6.2 * len(label)
    for i, w in enumerate(res.workloads):
        ours = {(ep, m): res.np(w, ep, m) for ep in res.epochs for m in res.modes}
        spread = [v for (w2, _, _), vs in res.ratios.items() if w2 == w for v in vs]
        paper = [p[t1.WORKLOADS.index(w)][k] for p in t1.PAPER.values() for k in (0, 1)]
        y_lo, y_hi = y_range([v for v in ours.values() if v] + spread + paper + [TARGET[w]])
        x0 = LEFT + i * (PANEL_W + GAP)

        def px(ep):
            return x0 + (math.log2(ep) - x_lo) / (x_hi - x_lo) * PANEL_W

        def py(v):
            return TOP + PANEL_H - (math.log10(v) - math.log10(y_lo)) / (math.log10(y_hi) - math.log10(y_lo)) * PANEL_H

        out.append(f'<rect x="{x0}" y="{TOP}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="#999"/>')
        out.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP - 8}" text-anchor="middle" font-size="12">{escape(w)}</text>')
        for t in Y_TICKS:
            if y_lo <= t <= y_hi:
                out.append(f'<line x1="{x0}" y1="{py(t):.1f}" x2="{x0 + PANEL_W}" y2="{py(t):.1f}" stroke="#eee"/>')
                out.append(f'<text x="{x0 - 4}" y="{py(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
        for ep in epochs:
            out.append(f'<text x="{px(ep):.1f}" y="{TOP + PANEL_H + 15}" text-anchor="middle">{ep // 1024}K</text>')
        out.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP + PANEL_H + 32}" text-anchor="middle">epoch length '
                   f'(instructions)</text>')
        if i == 0:
            out.append(f'<text x="14" y="{TOP + PANEL_H / 2}" text-anchor="middle" '
                       f'transform="rotate(-90 14 {TOP + PANEL_H / 2})">NP = replicated / bare</text>')
        out.append(f'<line x1="{x0}" y1="{py(TARGET[w]):.1f}" x2="{x0 + PANEL_W}" y2="{py(TARGET[w]):.1f}" '
                   f'stroke="#777" stroke-dasharray="2,2"/>')
        for m in ("original", "revised"):
            pts = [(px(ep), py(p[t1.WORKLOADS.index(w)][0 if m == "original" else 1])) for ep, p in sorted(t1.PAPER.items())]
            out.append(polyline(pts, COLOUR[m], "5,3", f"paper {w} {m}"))
        for m in res.modes:
            colour = COLOUR.get(m, "#555")
            for (w2, ep, m2), vs in sorted(res.ratios.items()):
                if w2 == w and m2 == m:
                    for v in vs:
                        out.append(f'<circle cx="{px(ep):.1f}" cy="{py(v):.1f}" r="1.8" fill="{colour}" '
                                   f'fill-opacity="0.45"/>')
            pts = [(px(ep), py(ours[(ep, m)])) for ep in res.epochs if ours.get((ep, m))]
            out.append(polyline(pts, colour, "", f"hbft {w} {m}"))
            for x, y in pts:
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def polyline(pts, colour, dash, name):
    d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    return (f'<polyline data-series="{escape(name)}" points="{d}" fill="none" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>')


def main(argv):
    args = argv[1:]
    out = None
    if len(args) == 3 and args[1] == "-o":
        out = args[2]
        args = args[:1]
    if len(args) != 1:
        print("usage: table1_plot.py RESULTS.csv [-o OUT.svg]", file=sys.stderr)
        return 2
    path = args[0]
    try:
        res = t1.load(path)
    except (OSError, KeyError, ValueError) as e:
        print(f"table1_plot.py: cannot read {path}: {e}", file=sys.stderr)
        return 2
    if not res.workloads or not res.epochs:
        print(f"table1_plot.py: {path} has no replicated runs to plot", file=sys.stderr)
        return 2
    out = out or os.path.splitext(path)[0] + ".svg"
    title = f"Table 1 on hbft beside the paper's ({os.path.basename(path)})"
    try:
        with open(out, "w") as f:
            f.write(svg(res, title))
    except OSError as e:
        print(f"table1_plot.py: cannot write {out}: {e}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
