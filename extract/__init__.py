"""Extraction: report files in, facts out (pure functions, no store I/O)."""
from .facts import SCHEMA, build_facts
from .ingest import InputError, read_inputs
from .pipeline import annotate, extract_paths, extract_texts

__all__ = ["SCHEMA", "InputError", "annotate", "build_facts", "extract_paths", "extract_texts", "read_inputs"]
