#!/usr/bin/env python3
"""compare.py: the figures of a benchmark run beside the last recorded ones.

Reads the output of `make bench` (or of one benchmark) on stdin, finds every figure in it, and
prints each beside its last recorded value from a small TSV file (bench/last_ratios.tsv), marking
any that is more than 20 % worse (`WORSE -27%`). With --record, the figures of this run replace
their recorded values (the others stay); with --markdown, the recorded file is printed as the
table bench/RESULTS.md quotes.

Three kinds of lines are figures; everything else is passed over:

  ratio   NAME  V UNIT/s  baseline (DESCRIPTION)  V UNIT/s  ratio R  [p99 LATENCY]
          our throughput against a baseline measured in the same run (DESIGN.md §4). Higher is
          better. A line saying "not a valid figure" (e.g. requests failed) is shown as INVALID
          and never recorded. Its key is "NAME vs DESCRIPTION", so one benchmark can hold several
          baselines for the same NAME. The ratio is recomputed from the two throughputs (the
          printed R is rounded). p99, when present, is shown and recorded beside it but never
          marked: it is an absolute time, and this machine is shared.
  size    NAME  V UNIT  lower is better
          a measurement without a baseline that does not depend on the machine's speed (memory,
          bytes on disk); marked when it grows by more than 20 %.
  rss     LABEL:  peak RSS  V MB ...
          import_bench's memory lines, read as size figures named "peak RSS: LABEL".

The TSV file: one figure per line, `key <TAB> value <TAB> kind <TAB> p99 <TAB> date`, with a
header line starting with '#'. Keys are free text without tabs. Exit status: 0, or 2 on bad
arguments or an unreadable file; a WORSE mark does not fail the run (this machine is noisy:
rerun before believing a mark).
"""

import argparse
import datetime
import re
import sys
from dataclasses import dataclass

# More than this fraction worse than the recorded value earns a mark.
WORSE_THRESHOLD = 0.20

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_RATIO_LINE = re.compile(
    rf"^\s*(?P<name>\S.*?)\s+(?P<ours>{_NUMBER})\s+\S+/s\s+"
    rf"baseline \((?P<baseline>.*)\)\s+(?P<theirs>{_NUMBER})\s+\S+/s\s+"
    rf"ratio\s+(?P<ratio>{_NUMBER})(?:\s+p99\s+(?P<p99>\S+))?")
_SIZE_LINE = re.compile(
    rf"^\s*(?P<name>\S.*?)\s+(?P<value>{_NUMBER})\s+(?P<unit>\S+)\s+lower is better\s*$")
_RSS_LINE = re.compile(rf"^\s*(?P<label>\S.*?):\s+peak RSS\s+(?P<value>{_NUMBER})\s+MB")

# What a benchmark appends to a line whose figure it does not vouch for.
_INVALID = "not a valid figure"

RATIO = "ratio"
SIZE = "size"
HEADER = "# key\tvalue\tkind\tp99\tdate"


@dataclass
class Figure:
    key: str
    value: float
    kind: str  # RATIO (higher is better) or SIZE (lower is better)
    p99: str = ""
    date: str = ""
    valid: bool = True  # False when the benchmark said so (failed requests): shown, never recorded


def parse_run(lines):
    """The figures of one run, in the order they appear (a repeated key keeps its last value)."""
    figures = {}
    for line in lines:
        match = _RATIO_LINE.match(line)
        if match:
            theirs = float(match["theirs"])
            value = float(match["ours"]) / theirs if theirs > 0 else float(match["ratio"])
            key = f"{match['name'].strip()} vs {match['baseline'].strip()}"
            figures[key] = Figure(key, value, RATIO, match["p99"] or "",
                                  valid=_INVALID not in line)
            continue
        match = _SIZE_LINE.match(line)
        if match:
            key = f"{match['name'].strip()} ({match['unit']})"
            figures[key] = Figure(key, float(match["value"]), SIZE)
            continue
        match = _RSS_LINE.match(line)
        if match:
            key = f"peak RSS: {match['label'].strip()} (MB)"
            figures[key] = Figure(key, float(match["value"]), SIZE)
    return list(figures.values())


def read_recorded(path):
    """The recorded figures by key; a missing file is an empty record."""
    recorded = {}
    try:
        with open(path, encoding="utf-8") as file:
            for number, line in enumerate(file, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                cells = line.split("\t")
                if len(cells) != 5 or cells[2] not in (RATIO, SIZE):
                    raise ValueError(f"{path}:{number}: expected key, value, kind, p99, date")
                recorded[cells[0]] = Figure(cells[0], float(cells[1]), cells[2], cells[3], cells[4])
    except FileNotFoundError:
        pass
    return recorded


def write_recorded(path, recorded):
    with open(path, "w", encoding="utf-8") as file:
        file.write(HEADER + "\n")
        for figure in recorded.values():
            cells = [figure.key, f"{figure.value:.4g}", figure.kind, figure.p99, figure.date]
            file.write("\t".join(cells) + "\n")


def change(now, last):
    """How much better (positive) or worse (negative) `now` is than `last`, as a fraction."""
    if last.value == 0:
        return 0.0
    relative = (now.value - last.value) / last.value
    return relative if now.kind == RATIO else -relative


def mark(now, last):
    """'WORSE -27%' when `now` is more than WORSE_THRESHOLD worse than `last`, else ''."""
    if not now.valid:
        return "INVALID (not recorded)"
    if last is None or last.kind != now.kind:
        return ""
    delta = change(now, last)
    return f"WORSE {round(delta * 100):+d}%" if delta < -WORSE_THRESHOLD else ""


def report(figures, recorded):
    """The comparison table, one line per figure of this run, then the recorded ones it lacked."""
    width = max([len(f.key) for f in figures] + [len("figure")])
    out = [f"{'figure':<{width}}  {'now':>9}  {'p99':>9}  {'last':>9}  {'p99':>9}  "
           f"{'recorded':<10}  change"]
    for figure in figures:
        last = recorded.get(figure.key)
        if last is None or last.kind != figure.kind:
            out.append(f"{figure.key:<{width}}  {figure.value:>9.4g}  {figure.p99:>9}  {'-':>9}  "
                       f"{'':>9}  {'(new)':<10}  {mark(figure, None)}".rstrip())
            continue
        percent = round(change(figure, last) * 100)
        out.append(f"{figure.key:<{width}}  {figure.value:>9.4g}  {figure.p99:>9}  "
                   f"{last.value:>9.4g}  {last.p99:>9}  {last.date:<10}  "
                   f"{percent:+4d}%  {mark(figure, last)}".rstrip())
    seen = {f.key for f in figures}
    missing = [key for key in recorded if key not in seen]
    if missing:
        out.append(f"not in this run (recorded, kept): {len(missing)}")
        out.extend(f"  {key}" for key in missing)
    return "\n".join(out)


def markdown(recorded):
    out = ["| figure | value | kind | p99 | recorded |", "| --- | ---: | --- | ---: | --- |"]
    for f in recorded.values():
        out.append(f"| {f.key} | {f.value:.4g} | {f.kind} | {f.p99} | {f.date} |")
    return "\n".join(out)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--last", default="bench/last_ratios.tsv", help="the recorded figures")
    parser.add_argument("--record", action="store_true", help="store this run's figures in --last")
    parser.add_argument("--date", default=datetime.datetime.now(datetime.timezone.utc)
                        .strftime("%Y-%m-%d"), help="date recorded with --record (default today)")
    parser.add_argument("--markdown", action="store_true", help="print --last as a table, and stop")
    args = parser.parse_args(argv)
    try:
        recorded = read_recorded(args.last)
    except (OSError, ValueError) as error:
        print(f"compare: {error}", file=sys.stderr)
        return 2
    if args.markdown:
        print(markdown(recorded))
        return 0
    figures = parse_run(sys.stdin)
    if not figures:
        print("compare: no figures in the input", file=sys.stderr)
        return 2
    print(f"== against the last recorded figures ({args.last}); WORSE: more than "
          f"{WORSE_THRESHOLD * 100:.0f} % worse, rerun before believing it")
    print(report(figures, recorded))
    if args.record:
        valid = [figure for figure in figures if figure.valid]
        for figure in valid:
            figure.date = args.date
            recorded[figure.key] = figure
        write_recorded(args.last, recorded)
        print(f"recorded {len(valid)} figures in {args.last}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
