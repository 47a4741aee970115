"""bench/ runner: verdicts, the printed line, exit codes (no timing is asserted)."""
from __future__ import annotations

import pytest

from bench import __main__ as runner
from bench.common import percentile, result


def test_verdict_ratio_and_absolute_targets():
    assert runner.verdict(result("a", 15.0, 10.0, 1.5)) == "PASS"
    assert runner.verdict(result("a", 15.1, 10.0, 1.5)) == "MISS"
    assert runner.verdict(result("a", 40.0, 30.0, 1.5, abs_target_ms=50)) == "PASS"
    assert runner.verdict(result("a", 60.0, 50.0, 1.5, abs_target_ms=50)) == "MISS"
    assert runner.verdict(result("a", 120.0, None, None, abs_target_ms=200)) == "PASS"
    assert runner.verdict(result("a", 120.0, None, None)) == "INFO"


def test_line_has_figure_floor_ratio_target_and_verdict():
    cells = runner.columns(result("search.p95", 17.17, 20.98, 1.5, abs_target_ms=50))
    assert cells == ("search.p95", "17.17 ms", "20.98 ms", "0.82x", "<=1.50x & <=50.00 ms",
                     "PASS")


def test_percentile_is_nearest_rank():
    data = list(range(1, 201))  # 1..200
    assert percentile(data, 95) == 190
    assert percentile(data, 50) == 100
    assert percentile([7.0], 95) == 7.0


def test_list_and_unknown_name(capsys):
    assert runner.main(["--list"]) == 0
    listed = capsys.readouterr().out.split()
    assert {"startup", "search"} <= set(listed)
    with pytest.raises(SystemExit) as exc:
        runner.main(["no-such-benchmark"])
    assert exc.value.code == 2
