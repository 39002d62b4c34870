#!/usr/bin/env python3
"""Reads the wrk outputs of one bench/run and prints its table (markdown).

    report.py RUNS.tsv [TIMEOUT [STORM.json]]  the table; TIMEOUT is wrk's --timeout in seconds (default 2);
                                               STORM.json is what bench/publish_storm.py wrote
    report.py --self-test                      checks the parsers on sample outputs

RUNS.tsv has one line per load run, tab-separated:
    server  endpoint  path  wrk-output-file  rss-kB-after-the-run  metrics-before  metrics-after
(the last three empty for nginx; the metrics files are /metrics as read before and after the run).
"""
import json
import re
import statistics
import sys

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def duration_ms(text):
    """wrk prints durations as 812.00us, 1.23ms, 2.01s, 1.00m."""
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(text):
    """requests/s, p50 and p99 in ms, requests, and the errors wrk counted, from `wrk --latency` output."""
    result = {"rps": None, "p50": None, "p99": None, "requests": None,
              "connect": 0, "read": 0, "write": 0, "timeout": 0, "non2xx": 0}
    for line in text.splitlines():
        line = line.strip()
        if m := re.match(r"Requests/sec:\s+([0-9.]+)", line):
            result["rps"] = float(m.group(1))
        elif m := re.match(r"50(?:\.0+)?%\s+(\S+)", line):
            result["p50"] = duration_ms(m.group(1))
        elif m := re.match(r"99(?:\.0+)?%\s+(\S+)", line):
            result["p99"] = duration_ms(m.group(1))
        elif m := re.match(r"(\d+) requests in", line):
            result["requests"] = int(m.group(1))
        elif m := re.match(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", line):
            result.update(connect=int(m.group(1)), read=int(m.group(2)),
                          write=int(m.group(3)), timeout=int(m.group(4)))
        elif m := re.match(r"Non-2xx or 3xx responses:\s+(\d+)", line):
            result["non2xx"] = int(m.group(1))
    if result["rps"] is None or result["p50"] is None or result["p99"] is None:
        raise ValueError("wrk output lacks Requests/sec or the 50%/99% latency lines (was --latency given?)")
    return result


def parse_metrics(text):
    """Prometheus text format: {(name, type-label or ""): value} for the counters the table uses."""
    values = {}
    for line in text.splitlines():
        if m := re.match(r'^(broadsheet_[a-z_]+)(?:\{type="([a-z]+)"\})?\s+([0-9.eE+-]+)$', line):
            values[(m.group(1), m.group(2) or "")] = float(m.group(3))
    return values


def page_type(endpoint):
    """The /metrics type label of a benchmarked endpoint."""
    first = endpoint.split(",")[0]
    return {"home": "home", "article": "article", "tag": "list", "all news": "list", "feed": "feed"}.get(first, "other")


def work(before_path, after_path, endpoint):
    """Renders and SQL statements of the endpoint's page type during a run, from the two /metrics reads."""
    if not before_path or not after_path:
        return None
    try:
        with open(before_path, encoding="utf-8") as f:
            before = parse_metrics(f.read())
        with open(after_path, encoding="utf-8") as f:
            after = parse_metrics(f.read())
    except OSError:
        return None
    kind = page_type(endpoint)
    delta = {name: after.get((name, kind), 0) - before.get((name, kind), 0)
             for name in ("broadsheet_page_renders_total", "broadsheet_sql_statements_total",
                          "broadsheet_requests_total", "broadsheet_page_cache_hits_total")}
    delta["assemblies"] = after.get(("broadsheet_page_assemblies_total", ""), 0) - before.get(
        ("broadsheet_page_assemblies_total", ""), 0)
    return delta


def errors(r):
    return r["connect"] + r["read"] + r["write"] + r["timeout"] + r["non2xx"]


def errors_text(r):
    total = errors(r)
    if total == 0:
        return "0"
    parts = [f"{k} {r[k]:,}" for k in ("connect", "read", "write", "timeout") if r[k]]
    if r["non2xx"]:
        parts.append(f"non-2xx/3xx {r['non2xx']:,}")
    return f"{total:,} ({', '.join(parts)})"


def ms_text(value):
    if value < 1:
        return f"{value * 1000:.0f} µs"
    if value < 10:
        return f"{value:.2f} ms"
    if value < 100:
        return f"{value:.1f} ms"
    if value < 1000:
        return f"{value:.0f} ms"
    return f"{value / 1000:.2f} s"


def rps_text(rps):
    return f"{rps:,.0f}" if rps >= 100 else f"{rps:.1f}"


def ratio_text(ratio):
    if ratio >= 0.1:
        return f"{ratio:.2f}"
    if ratio >= 0.001:
        return f"{ratio:.3f}"
    return "< 0.001"


def percentile_text(r, fraction, timeout_ms):
    """wrk leaves requests slower than its timeout out of the percentiles (it counts them as timeout errors):
    when more than (1 - fraction) of the requests timed out, the true percentile is above the timeout."""
    if not r["requests"]:
        return "–"
    if r["timeout"] / r["requests"] > 1 - fraction:
        return "> " + ms_text(timeout_ms)
    return ms_text(r["p50"] if fraction == 0.5 else r["p99"])


def work_text(w):
    """Renders during the run and SQL statements per render ("–" when nothing rendered)."""
    if w is None:
        return "? | ?"
    renders = int(w["broadsheet_page_renders_total"])
    statements = w["broadsheet_sql_statements_total"]
    per = f"{statements / renders:.1f}" if renders else "–"
    assembled = f" (+{int(w['assemblies']):,} assembled)" if w["assemblies"] else ""
    return f"{renders:,}{assembled} | {per}"


def table(runs_path, timeout_ms=2000.0, storm_path=None):
    rows = []
    with open(runs_path, encoding="utf-8") as runs:
        for line in runs:
            line = line.rstrip("\n")
            if not line:
                continue
            server, endpoint, path, output, rss, before, after = (line.split("\t") + [""] * 7)[:7]
            with open(output, encoding="utf-8", errors="replace") as f:
                text = f.read()
            try:
                parsed = parse_wrk(text)
            except ValueError as error:
                sys.exit(f"report: {output}: {error}\n{text}")
            rows.append((server, endpoint, path, parsed, rss, work(before, after, endpoint)))
    nginx = {endpoint: r for server, endpoint, _, r, _, _ in rows if server == "nginx"}
    out = ["| endpoint | path | req/s | p50 | p99 | errors | RSS MB | renders | SQL per render | ratio to nginx |",
           "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    steady = {}
    for server, endpoint, path, r, rss, w in rows:
        if server != "broadsheet":
            continue
        steady.setdefault(endpoint, r["rps"])
        rss_mb = f"{int(rss) / 1024:.0f}" if rss else "?"
        base = nginx.get(endpoint.split(",")[0]) if "cache off" not in endpoint else None
        ratio = ratio_text(r["rps"] / base["rps"]) if base and base["rps"] else "–"
        out.append(f"| {endpoint} | `{path}` | {rps_text(r['rps'])} | {percentile_text(r, 0.5, timeout_ms)} "
                   f"| {percentile_text(r, 0.99, timeout_ms)} "
                   f"| {errors_text(r)} | {rss_mb} | {work_text(w)} | {ratio} |")
    if nginx:
        figures = "; ".join(f"{endpoint} {rps_text(r['rps'])} req/s, p50 {percentile_text(r, 0.5, timeout_ms)}, "
                            f"p99 {percentile_text(r, 0.99, timeout_ms)}, "
                            f"errors {errors_text(r)}" for endpoint, r in nginx.items())
        out.append("")
        out.append(f"nginx, same bytes: {figures}")
    if storm_path:
        out.append("")
        out.append(storm_text(storm_path, steady))
    return "\n".join(out)


def storm_text(path, steady):
    """The publish storm: how many went out, how soon each showed on the home page, and the article rate."""
    try:
        with open(path, encoding="utf-8") as f:
            storm = json.load(f)
    except (OSError, ValueError) as error:
        return f"Publish storm: no result ({error})."
    delays = storm.get("delays_ms", [])
    line = f"Publish storm: {storm.get('published', 0)} articles published, one a second"
    if delays:
        line += (f"; each on /eng/ after {statistics.median(delays):.0f} ms (median), "
                 f"{max(delays):.0f} ms at most; {sum(d <= 1000 for d in delays)} of {len(delays)} within 1 s")
    failures = storm.get("failures", [])
    line += f"; {len(failures)} failures" + (f" ({failures[0]})" if failures else "")
    during = steady.get("article, publishing every second")
    before = steady.get("article, just before the storm") or steady.get("article")
    if during and before:
        line += (f". Article page meanwhile: {rps_text(during)} req/s, {during / before:.0%} of its steady rate "
                 f"({rps_text(before)} req/s in the run just before)")
    return line + "."


SAMPLE = """Running 10s test @ http://127.0.0.1:40000/eng/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.81ms    1.02ms  41.17ms   90.12%
    Req/Sec    11.52k     0.90k   13.20k    71.00%
  Latency Distribution
     50%  812.00us
     75%    3.01ms
     90%    3.73ms
     99%    1.02s
  229377 requests in 10.00s, 2.95GB read
  Socket errors: connect 0, read 3, write 0, timeout 12
  Non-2xx or 3xx responses: 7
Requests/sec:  22931.74
Transfer/sec:    301.40MB
"""


def self_test():
    r = parse_wrk(SAMPLE)
    assert r["rps"] == 22931.74, r
    assert abs(r["p50"] - 0.812) < 1e-9, r
    assert r["p99"] == 1020.0, r
    assert r["requests"] == 229377, r
    assert errors(r) == 22 and errors_text(r) == "22 (read 3, timeout 12, non-2xx/3xx 7)", errors_text(r)
    clean = SAMPLE.replace("  Socket errors: connect 0, read 3, write 0, timeout 12\n", "").replace(
        "  Non-2xx or 3xx responses: 7\n", "")
    assert errors(parse_wrk(clean)) == 0
    assert duration_ms("1.50m") == 90000.0
    assert ms_text(0.812) == "812 µs" and ms_text(2.5) == "2.50 ms" and ms_text(98.77) == "98.8 ms" and ms_text(1020) == "1.02 s"
    assert ratio_text(0.5234) == "0.52" and ratio_text(0.0021) == "0.002" and ratio_text(0.0001) == "< 0.001"
    assert rps_text(1.19) == "1.2" and rps_text(22931.74) == "22,932"
    assert percentile_text(r, 0.5, 2000) == "812 µs" and percentile_text(r, 0.99, 2000) == "1.02 s"
    slow = dict(r, requests=12, timeout=12)
    assert percentile_text(slow, 0.5, 2000) == "> 2.00 s" and percentile_text(slow, 0.99, 2000) == "> 2.00 s"
    some = dict(r, requests=438, timeout=39)
    assert percentile_text(some, 0.5, 2000) == "812 µs" and percentile_text(some, 0.99, 2000) == "> 2.00 s"
    metrics = parse_metrics('# HELP x\nbroadsheet_page_renders_total{type="article"} 3\n'
                            'broadsheet_page_assemblies_total 12\nbroadsheet_page_cache_bytes 1.5e6\n')
    assert metrics == {("broadsheet_page_renders_total", "article"): 3.0,
                       ("broadsheet_page_assemblies_total", ""): 12.0, ("broadsheet_page_cache_bytes", ""): 1.5e6}, metrics
    assert page_type("article, publishing every second") == "article" and page_type("all news") == "list"
    try:
        parse_wrk("Requests/sec: 10\n")
    except ValueError:
        pass
    else:
        raise AssertionError("output without latency lines was accepted")
    print("report.py self-test: 1 passed, 0 failed")


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        self_test()
    elif len(sys.argv) in (2, 3, 4):
        print(table(sys.argv[1], float(sys.argv[2]) * 1000 if len(sys.argv) >= 3 else 2000.0,
                    sys.argv[3] if len(sys.argv) == 4 else None))
    else:
        sys.exit(__doc__)
