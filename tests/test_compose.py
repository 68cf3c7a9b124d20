"""docker-compose.yml: Neo4j 5 community on loopback only, password from the environment, data kept."""
from __future__ import annotations

import re
from pathlib import Path

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"


def test_compose_runs_neo4j_5_community_safely() -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    assert re.search(r"image:\s*neo4j:5[\w.\-]*community", text)
    ports = re.findall(r'-\s*"([^"]+)"', text)
    assert ports and all(p.startswith("127.0.0.1:") for p in ports), ports
    assert "NEO4J_AUTH: neo4j/${NEO4J_PASSWORD:-policykg-dev}" in text
    assert re.search(r"volumes:\s*\n\s*-\s*neo4j-data:/data", text)
    assert re.search(r"^volumes:\s*\n\s*neo4j-data:", text, re.MULTILINE)
    assert "healthcheck:" in text
