"""Extraction: report files in, facts out (pure functions, no store I/O)."""
from .facts import SCHEMA, build_facts
from .factsfile import FactsFile, read_facts, write_facts
from .ingest import InputError, read_inputs
from .pipeline import annotate, extract_paths, extract_texts, extract_to_file

__all__ = ["SCHEMA", "FactsFile", "InputError", "annotate", "build_facts", "extract_paths", "extract_texts",
           "extract_to_file", "read_facts", "read_inputs", "write_facts"]
