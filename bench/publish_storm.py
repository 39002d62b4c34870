#!/usr/bin/env python3
"""The newsroom during breaking news, for bench/run: an editor publishes a new article every second through
the newsroom's own forms, and after each publish the English home page is read until it shows it.

    publish_storm.py BASE EMAIL PASSWORD SECONDS TAGS OUT.json

TAGS: comma-separated tag names the articles get (the benchmarked article's, so that its "Related" block
changes with every publish). Writes {"published": n, "delays_ms": [...], "failures": [...]} to OUT.json and
prints one line. The delay is from the moment the publish request was answered to the first read of the
home page that shows the headline.
"""
import html
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from newsroom_support import HttpSession, hidden_field  # noqa: E402

WORDS = ["grid", "council", "river", "bridge", "vote", "storm", "harbour", "rail", "school", "market"]


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    base, email, password, seconds, tags, out = sys.argv[1:]
    seconds = float(seconds)
    editor = HttpSession(base)
    editor.sign_in(email, password)
    editor.pass_second_factor()
    csrf = hidden_field(editor.get("/admin/"), "csrf")
    delays, failures = [], []
    start = time.monotonic()
    number = 0
    while time.monotonic() - start < seconds:
        tick = time.monotonic()
        number += 1
        headline = f"Bulletin {number} at {time.strftime('%H:%M:%S')}: {WORDS[number % len(WORDS)]} update"
        try:
            location = editor.post("/admin/articles/new", {
                "csrf": csrf, "edition": "en", "kind": "news", "do": "save", "headline": headline,
                "lead": "What we know so far.", "tags": tags,
                "body": "First paragraph of the bulletin.\n\nSecond paragraph, with more detail."})
            article_id = location.split("/admin/articles/")[1].split("?")[0]
            editor.post(f"/admin/articles/{article_id}/move", {"csrf": csrf, "to": "published"})
            published = time.monotonic()
            wanted = html.escape(headline, quote=False)
            while True:
                status, _, page = editor.request("/eng/")
                if status == 200 and wanted in page:
                    delays.append((time.monotonic() - published) * 1000)
                    break
                if time.monotonic() - published > 10:
                    failures.append(f"{headline!r} not on /eng/ after 10 s")
                    break
                time.sleep(0.02)
        except Exception as error:  # a failed publish is a result to report, not a crash
            failures.append(f"publish {number}: {error}")
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"published": len(delays), "delays_ms": delays, "failures": failures}, f)
    worst = max(delays) if delays else float("nan")
    print(f"publish storm: {len(delays)} published in {seconds:.0f} s, visible on /eng/ after at most "
          f"{worst:.0f} ms; {len(failures)} failures")


if __name__ == "__main__":
    main()
