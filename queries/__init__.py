"""Canned Cypher queries: one `.cypher` file each, with a header comment; run by `graph.queries`."""
from pathlib import Path

QUERY_DIR = Path(__file__).parent
