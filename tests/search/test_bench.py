"""The search benchmark command runs on the content loaded and reports its figures (its numbers are not judged)."""

import json

from django.core.management import call_command


def test_bench_search_reports_latency_on_the_demo(demo, tmp_path, capsys):
    out = tmp_path / "bench.json"

    call_command("bench_search", runs=1, no_index=True, json=str(out))

    figures = json.loads(out.read_text())
    assert figures["requests"] == figures["queries"] >= 24
    assert 0 < figures["p50_ms"] <= figures["p95_ms"]
    assert "p95_ms" in capsys.readouterr().out
