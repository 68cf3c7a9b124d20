"""Test data with many regions: one report each, naming initiatives and chains drawn from a Zipf law.

A few items most regions name and a long tail few do, the shape of real reports (and of
benchmarks/bench_queries.py's graph), as a facts document that goes through the loader. With
enough regions, each has more similar regions than the stored answer keeps per region
(graph/similarity.py), and some regions name the same items, so pairs tie.
"""
from __future__ import annotations

import random
from typing import Any

from tests.gold_facts import entity_id


def _item(k: int) -> tuple[str, str]:
    """(type, name) of vocabulary item k: every fifth a chain, the rest initiatives."""
    return ("IndustrialChain", f"产业{k:04d}") if k % 5 == 0 else ("Initiative", f"试点{k:04d}制")


def zipf_facts(n_regions: int = 160, per_region: int = 30, vocabulary: int = 1200, twins: int = 3,
               seed: int = 11) -> dict[str, Any]:
    """`n_regions` regions (the last `twins` naming what the first does) as a `policykg/facts@1` document."""
    rnd = random.Random(seed)
    weights = [1.0 / (k + 1) ** 1.1 for k in range(vocabulary)]
    picks: list[list[int]] = []
    for g in range(n_regions):
        if g >= n_regions - twins:
            picks.append(picks[0])
            continue
        picked: set[int] = set()
        while len(picked) < per_region:
            picked.update(rnd.choices(range(vocabulary), weights, k=per_region - len(picked)))
        picks.append(sorted(picked))
    reports, mentions = [], {}
    for g, items in enumerate(picks):
        region = f"地区{g:03d}"
        sentences = [f"{region}推进改革。"] + [f"推进{_item(k)[1]}。" for k in items]
        text = "".join(sentences)
        rid = f"report:z{g:05d}"
        reports.append({"id": rid, "source": f"zipf/{g:03d}.txt", "title": f"{region}政府工作报告",
                        "region": region, "region_id": entity_id("Region", region), "region_level": "county",
                        "parent": None, "province": None, "adcode": None, "year": 2018 + g % 7,
                        "date": None, "speaker": None, "chars": len(text)})
        at = 0
        for sentence, key in zip(sentences, [("Region", region)] + [_item(k) for k in items], strict=True):
            start = at + sentence.index(key[1])
            mentions.setdefault(key, []).append({"report": rid, "start": start, "end": start + len(key[1]),
                                                 "text": key[1], "sentence": sentence})
            at += len(sentence)
    entities = [{"id": entity_id(etype, name), "type": etype, "name": name, "aliases": [], "kind": None,
                 "level": "county" if etype == "Region" else None, "code": None, "mentions": found}
                for (etype, name), found in mentions.items()]
    return {"schema": "policykg/facts@1", "generator": {"name": "policykg-tests-zipf", "version": "0"},
            "reports": reports, "entities": entities, "relations": []}
