#!/usr/bin/env python3
"""Tests of bench/compare.py: sample output in, figures and marks out (ctest bench_compare)."""

import contextlib
import io
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

# The shapes each benchmark prints (storage_bench, import_bench, http_bench), with lines that are
# not figures between them.
SAMPLE = """\
== 2026-12-06 on 2 cores, AMD EPYC
storage_bench: 4000 customers, 64 writer threads, synchronous=FULL
create         2000 ops/s   baseline (same creates, 1000 per transaction)       2500 ops/s   ratio 0.80
create         2000 ops/s   baseline (same creates, one at a time)        500 ops/s   ratio 4.00
         (raw INSERT of the bare rows: 80099 rows/s bulk, 2712 rows/s one per transaction)
get           10000 ops/s   baseline (SELECT by primary key)     100000 ops/s   ratio 0.10
import         2640 rows/s   baseline (bare INSERT, same rows and batches)     373227 rows/s   ratio 0.007
         import of 200000 rows:             peak RSS    40.0 MB (+35.0 MB over its start; ru_maxrss 38.5 MB)
http_bench: wrk -t2 -c16 -d10s on loopback, 100000 customers, 729417 interactions, 200607 orders
baseline: GET /healthz 20000 req/s, p99 1.20ms
GET customer                       6000 req/s   baseline (GET /healthz)    20000 req/s   ratio 0.30   p99 4.10ms
GET customers q= limit=20           400 req/s   baseline (GET /healthz)    20000 req/s   ratio 0.02   p99 80.00ms   (3 failed requests or errors: not a valid figure)
server RSS after the run          100.0 MB   lower is better
data directory per customer        36.2 KB   lower is better
(checksum 2613127)
"""


def figures_by_key(text):
    return {f.key: f for f in compare.parse_run(text.splitlines())}


def run_main(args, stdin):
    out = io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out):
            status = compare.main(args)
    finally:
        sys.stdin = old_stdin
    return status, out.getvalue()


class ParseTest(unittest.TestCase):

    def test_finds_every_figure_and_nothing_else(self):
        figures = figures_by_key(SAMPLE)
        self.assertEqual(sorted(figures), sorted([
            "create vs same creates, 1000 per transaction",
            "create vs same creates, one at a time",
            "get vs SELECT by primary key",
            "import vs bare INSERT, same rows and batches",
            "peak RSS: import of 200000 rows (MB)",
            "GET customer vs GET /healthz",
            "GET customers q= limit=20 vs GET /healthz",
            "server RSS after the run (MB)",
            "data directory per customer (KB)",
        ]))

    def test_ratio_is_recomputed_from_the_throughputs(self):
        figure = figures_by_key(SAMPLE)["import vs bare INSERT, same rows and batches"]
        self.assertAlmostEqual(figure.value, 2640 / 373227)
        self.assertEqual(figure.kind, compare.RATIO)

    def test_p99_and_kinds(self):
        figures = figures_by_key(SAMPLE)
        self.assertEqual(figures["GET customer vs GET /healthz"].p99, "4.10ms")
        self.assertEqual(figures["get vs SELECT by primary key"].p99, "")
        self.assertEqual(figures["server RSS after the run (MB)"].kind, compare.SIZE)
        self.assertEqual(figures["server RSS after the run (MB)"].value, 100.0)


class MarkTest(unittest.TestCase):

    def test_ratio_marks(self):
        last = compare.Figure("x", 0.50, compare.RATIO)
        self.assertEqual(compare.mark(compare.Figure("x", 0.50, compare.RATIO), last), "")
        self.assertEqual(compare.mark(compare.Figure("x", 0.41, compare.RATIO), last), "")  # -18 %
        self.assertEqual(compare.mark(compare.Figure("x", 0.39, compare.RATIO), last), "WORSE -22%")
        self.assertEqual(compare.mark(compare.Figure("x", 0.90, compare.RATIO), last), "")  # better

    def test_size_marks_growth(self):
        last = compare.Figure("rss", 100.0, compare.SIZE)
        self.assertEqual(compare.mark(compare.Figure("rss", 119.0, compare.SIZE), last), "")
        self.assertEqual(compare.mark(compare.Figure("rss", 130.0, compare.SIZE), last),
                         "WORSE -30%")
        self.assertEqual(compare.mark(compare.Figure("rss", 50.0, compare.SIZE), last), "")

    def test_a_figure_the_benchmark_disowns_is_invalid(self):
        figure = figures_by_key(SAMPLE)["GET customers q= limit=20 vs GET /healthz"]
        self.assertFalse(figure.valid)
        self.assertEqual(compare.mark(figure, None), "INVALID (not recorded)")

    def test_no_mark_without_a_record(self):
        self.assertEqual(compare.mark(compare.Figure("x", 0.01, compare.RATIO), None), "")


class MainTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.last = os.path.join(self.dir.name, "last_ratios.tsv")

    def tearDown(self):
        self.dir.cleanup()

    def record(self, text, date):
        status, _ = run_main(["--last", self.last, "--record", "--date", date], text)
        self.assertEqual(status, 0)

    def test_first_run_is_new_then_recorded(self):
        status, out = run_main(["--last", self.last], SAMPLE)
        self.assertEqual(status, 0)
        self.assertIn("(new)", out)
        self.assertNotRegex(out, r"WORSE [-+]")
        self.assertFalse(os.path.exists(self.last))  # not without --record
        self.record(SAMPLE, "2026-12-05")
        recorded = compare.read_recorded(self.last)
        self.assertEqual(len(recorded), 8)  # not the one with failed requests
        self.assertNotIn("GET customers q= limit=20 vs GET /healthz", recorded)
        self.assertEqual(recorded["GET customer vs GET /healthz"].p99, "4.10ms")
        self.assertEqual(recorded["GET customer vs GET /healthz"].date, "2026-12-05")

    def test_marks_only_what_got_worse_beside_the_last_value(self):
        self.record(SAMPLE, "2026-12-05")
        slower = (SAMPLE.replace("6000 req/s", "4000 req/s")  # GET customer 0.30 -> 0.20
                  .replace("100.0 MB", "150.0 MB")  # RSS +50 %
                  .replace("10000 ops/s", "9000 ops/s"))  # get -10 %: not marked
        status, out = run_main(["--last", self.last], slower)
        self.assertEqual(status, 0)
        lines = {line.split("  ")[0]: line for line in out.splitlines()}
        self.assertRegex(lines["GET customer vs GET /healthz"],
                         r"0\.2 .* 0\.3 .*2026-12-05 .*WORSE -33%$")
        self.assertRegex(lines["server RSS after the run (MB)"], r"WORSE -50%$")
        self.assertNotIn("WORSE", lines["get vs SELECT by primary key"])
        self.assertEqual(len(re.findall(r"WORSE [-+]", out)), 2)

    def test_record_keeps_figures_the_run_lacks(self):
        self.record(SAMPLE, "2026-12-05")
        only_http = "\n".join(line for line in SAMPLE.splitlines() if "GET" in line)
        status, out = run_main(["--last", self.last, "--record", "--date", "2026-12-06"], only_http)
        self.assertEqual(status, 0)
        self.assertIn("not in this run (recorded, kept): 7", out)
        recorded = compare.read_recorded(self.last)
        self.assertEqual(len(recorded), 8)
        self.assertEqual(recorded["GET customer vs GET /healthz"].date, "2026-12-06")
        self.assertEqual(recorded["get vs SELECT by primary key"].date, "2026-12-05")

    def test_markdown_and_errors(self):
        self.record(SAMPLE, "2026-12-05")
        status, out = run_main(["--last", self.last, "--markdown"], "")
        self.assertEqual(status, 0)
        self.assertIn("| GET customer vs GET /healthz | 0.3 | ratio | 4.10ms | 2026-12-05 |", out)
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(run_main(["--last", self.last], "no figures here\n")[0], 2)
            with open(self.last, "a", encoding="utf-8") as file:
                file.write("broken line\n")
            self.assertEqual(run_main(["--last", self.last], SAMPLE)[0], 2)


if __name__ == "__main__":
    unittest.main()
