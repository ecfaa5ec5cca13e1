"""Evaluation against third-party gold data: one module per stage being scored.

Each module reads one gold format, runs the stage on the gold's text and returns a plain
report (counts and ratios) that the CLI prints; nothing here is used by the pipeline.
"""
