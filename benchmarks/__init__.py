"""Benchmarks for plan-extract: ``python -m benchmarks`` prints a table and writes it as JSON."""
