"""Blocking I/O without Qt, safe on any thread: HTTP, feeds, extraction, formats."""
