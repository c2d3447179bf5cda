#!/usr/bin/env python3
"""Compare a `cargo bench` run with the recorded baseline.

Usage:  cargo bench --bench engine 2>&1 | tee /tmp/bench.txt
        python3 benches/check-regression.py /tmp/bench.txt

Reads divan's table (the median column), compares each benchmark with
benches/baseline.json and prints the ratio. Exits 1 if any benchmark is more than
`tolerance` (default 25%) slower than its baseline. Timings on a shared machine are
noisy: rerun before believing a regression.
"""
import json
import pathlib
import re
import sys

UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def parse(text):
    """Benchmark name -> median seconds, from divan's tree table."""
    results, parent = {}, None
    for line in text.splitlines():
        m = re.match(r"^([\s│]*)([├╰]─ )", line)
        if not m:
            continue
        body = line[m.end():]
        cells = body.split("│")
        tokens = cells[0].split()
        if len(tokens) == 1:
            parent = tokens[0]
            continue
        nested = len(m.group(1)) > 0
        key = f"{parent}/{tokens[0]}" if nested else tokens[0]
        median = cells[2].split() if len(cells) > 2 else []
        if len(median) == 2 and median[1] in UNITS:
            results[key] = float(median[0]) * UNITS[median[1]]
    return results


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    baseline = json.loads((pathlib.Path(__file__).parent / "baseline.json").read_text())
    tolerance = baseline.get("tolerance", 0.25)
    measured = parse(pathlib.Path(sys.argv[1]).read_text())
    worse = []
    for name, base in baseline["median_seconds"].items():
        if name not in measured:
            print(f"{name:45} not measured")
            continue
        ratio = measured[name] / base
        flag = "  <-- slower" if ratio > 1 + tolerance else ""
        print(f"{name:45} {measured[name]:.4g} s vs {base:.4g} s  ratio {ratio:.2f}{flag}")
        if flag:
            worse.append(name)
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
