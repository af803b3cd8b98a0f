#!/usr/bin/env python3
"""Accuracy against a committed baseline: `make eval`, `make eval-accept`.

  run.py EXT [--sets ner,timex,...] [--eval DIR] [--accept]

Runs DIR/evaluate.py (default ../shared/eval) on the extension EXT over the
dev splits (all sets, or --sets, evaluate.py's own set names), keeps its full
output in build/eval/last.txt (the per-type tables, for error analysis), and
prints every figure of its summary lines beside the figure in
tests/eval/baseline.txt with the difference.  --accept writes the figures of
the sets just run into the baseline (the other sets keep theirs).

The baseline holds one figure a line, "set figure value", sets apart by a
blank line, so branches that move different sets merge without conflict.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BASELINE = os.path.join(HERE, "baseline.txt")
HEADER = """\
# Accuracy on the dev splits of ../shared/eval (evaluate.py's summary lines),
# one figure a line: set, figure, value.  `make eval` compares a build with
# it; `make eval-accept` rewrites the figures of the sets it ran.
"""
SUMMARY = re.compile(r"^([A-Za-z][\w.-]*)\s+((?:[A-Za-z]\w*=-?[\d.]+\s*)+)$")


def parse_summary(text):
    """[(set, figure, value)] from evaluate.py's closing summary lines (its
    last paragraph; the tables above them are left to build/eval/last.txt)."""
    rows = []
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    for line in (paragraphs[-1] if paragraphs else "").splitlines():
        m = SUMMARY.match(line.strip())
        if m:
            for kv in m.group(2).split():
                k, v = kv.split("=")
                rows.append((m.group(1), k, float(v)))
    return rows


def read_baseline():
    rows = []
    if os.path.exists(BASELINE):
        with open(BASELINE, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    s, k, v = line.split()
                    rows.append((s, k, float(v)))
    return rows


def write_baseline(rows):
    out, last = [HEADER], None
    for s, k, v in rows:
        if last is not None and s != last:
            out.append("\n")
        out.append(f"{s} {k} {v:.4f}\n")
        last = s
    tmp = BASELINE + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("".join(out))
    os.replace(tmp, BASELINE)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ext")
    ap.add_argument("--sets", default="")
    ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
    ap.add_argument("--accept", action="store_true")
    args = ap.parse_args()
    cmd = [sys.executable, os.path.join(args.eval, "evaluate.py"), args.ext]
    if args.sets:
        cmd += ["--sets", args.sets]
    print("eval: " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    os.makedirs(os.path.join(ROOT, "build", "eval"), exist_ok=True)
    last = os.path.join(ROOT, "build", "eval", "last.txt")
    with open(last, "w", encoding="utf-8") as f:
        f.write(proc.stdout + proc.stderr)
    now = parse_summary(proc.stdout)
    if proc.returncode != 0 or not now:
        sys.stdout.write(proc.stdout[-2000:] + proc.stderr[-2000:])
        sys.exit(f"eval: evaluate.py failed (exit {proc.returncode}); full output in {last}")
    for line in proc.stderr.splitlines():  # e.g. a function this build lacks
        print("eval: note: " + line)
    base = {(s, k): v for s, k, v in read_baseline()}
    print(f"{'set':<14}{'figure':<22}{'baseline':>9}{'now':>9}{'delta':>9}")
    for s, k, v in now:
        b = base.get((s, k))
        if b is None:
            print(f"{s:<14}{k:<22}{'-':>9}{v:>9.4f}{'new':>9}")
        else:
            d = v - b
            mark = "" if abs(d) < 5e-5 else ("  better" if d > 0 else "  WORSE")
            print(f"{s:<14}{k:<22}{b:>9.4f}{v:>9.4f}{d:>+9.4f}{mark}")
    print(f"eval: full tables in {os.path.relpath(last, ROOT)}")
    if args.accept:
        ran = {s for s, _, _ in now}
        merged, seen = [], set()
        for s, k, v in read_baseline():
            if s in ran:
                if s not in seen:
                    merged += [r for r in now if r[0] == s]
                    seen.add(s)
            else:
                merged.append((s, k, v))
        merged += [r for r in now if r[0] not in seen and r[0] not in {m[0] for m in merged}]
        write_baseline(merged)
        print(f"eval: {len(now)} figures written to {os.path.relpath(BASELINE, ROOT)}")


if __name__ == "__main__":
    main()
