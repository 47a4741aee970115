"""Benchmarks: `python -m bench [names...]` (see bench/README.md). Not tests: timings vary."""
