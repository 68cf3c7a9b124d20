"""Region similarity computed at load time: the pairs `region-similarity` and `similar-regions` rank, stored.

The IDF-weighted Jaccard of `queries/region-similarity.cypher` pairs regions through the items they
share: at 2,000 regions some 644,000 (pair, item) rows, which Neo4j aggregated in 4 s a query. So every
group of a load drops the stored pairs in its transaction, and the load recomputes the measure here once
at its end for the queries' default parameters, from the region → item edges (one read); while none are
stored the queries run in full, so an answer is never stale. Each region's first K pairs are stored as
`SIMILAR` relationships, one per pair from the lower region id to the higher, holding what the queries
return before rounding. An IDF weight changes with every region loaded, so all of it is recomputed.
K is the `max_limit` of the stored variants (`queries/stored/`, 64), which `graph.queries.run_query`
runs for the default parameters and a `limit` up to K; other values run the query itself.

Why each region's first K hold the answer: both queries rank pairs by one total order (similarity,
weighted_shared and n_shared descending, then the ids; for the pairs of one region the ids order them
by the other region's id, as here). A pair among the first `limit` of all pairs has fewer than `limit`
pairs above it, so fewer than `limit` of its own region's: it is among the first `limit` <= K pairs
of both its regions, and stored. The same holds among the pairs of one region (similar-regions).
Here numpy rounds and the store rounds for the query; they can differ only on a value within a
rounding error of half a unit of the fourth decimal, which sums of logarithms practically never are,
and K above the default limit leaves room for a few.

`SIMILAR` is an index of the store, not a fact: it is not in the ontology, so the RDF export, the
views and `counts()`, which follow the model, leave it out.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .queries import get_query

if TYPE_CHECKING:
    from .load import CreateEdges, Run

#: The stored relationship: (:Region)-[:SIMILAR]->(:Region), from the lower id to the higher.
SIMILAR = "SIMILAR"
#: Its properties with their LadybugDB types, in table order (the values before the queries round them).
COLUMNS = {"similarity": "DOUBLE", "weighted_shared": "DOUBLE", "n_shared": "INT64",
           "shared_initiatives": "STRING[]", "shared_chains": "STRING[]"}
#: The query whose header gives the measure's parameters (those its stored variant does not take).
MEASURED_BY = "region-similarity"
#: ln 10: the queries weigh with log10 (LadybugDB has no natural log) and report weighted_shared in ln.
LN10 = 2.302585092994046
#: Rows per statement when the pairs are written.
WRITE_BATCH = 20_000


def measure() -> tuple[dict[str, Any], int]:
    """What the stored pairs answer, from the header of `MEASURED_BY` and of its stored variant: the
    measure's parameters (the defaults the variant does not take: weighting, max_share, max_regions,
    min_shared) and the pairs kept per region (the variant's max_limit)."""
    query = get_query(MEASURED_BY)
    if query.stored is None or query.stored.max_limit is None:
        raise ValueError(f"{MEASURED_BY} names no stored variant with a max_limit")
    taken = {p.name for p in query.stored.params}
    return {p.name: p.default for p in query.params if p.name not in taken}, query.stored.max_limit


def similar_pairs(n_total: int, items: Iterable[tuple[str, str | None, list[str]]], top_k: int,
                  weighting: str = "idf", max_share: float = 0.5, max_regions: int = 50,
                  min_shared: int = 1) -> list[dict[str, Any]]:
    """The pairs among each region's first `top_k`, as relationship rows (source < target), computed as
    `queries/region-similarity.cypher` does: `items` are (item id, name, ids of the regions naming it),
    `n_total` the regions with a report; similarity and weighted_shared are left unrounded.

    Vectorised with numpy: regions and items are numbered in id order, the (pair, item) rows are
    arrays, and each pair's sum is a `bincount`, added in item order whatever order the items came in.
    """
    import numpy as np  # only loading needs it

    items = sorted(items, key=lambda row: row[0])
    region_ids = sorted({g for row in items for g in row[2]})
    if len(region_ids) < 2:
        return []
    region_no = {r: i for i, r in enumerate(region_ids)}  # a < b as numbers is a < b as ids
    item_ids, names = [row[0] for row in items], [row[1] for row in items]
    df = np.array([len(row[2]) for row in items], dtype=np.int64)
    itm = np.repeat(np.arange(len(items)), df)  # the region → item edges, by item, then by region
    reg = np.fromiter((region_no[g] for row in items for g in sorted(row[2])), dtype=np.int64, count=len(itm))
    if weighting == "plain":
        keep, weight = np.ones(len(item_ids), dtype=bool), np.ones(len(item_ids))
    else:
        keep = (df <= max_share * n_total) & (df <= max_regions)
        weight = np.log10(n_total * 1.0 / df)
    kept = keep[itm]
    total = np.bincount(reg[kept], weights=weight[itm[kept]], minlength=len(region_ids))
    # the (pair, item) rows: the regions of each kept item of two or more, paired lower number first
    ends = np.cumsum(df)
    a_parts, b_parts, i_parts = [], [], []
    triangles: dict[int, tuple[Any, Any]] = {}
    for item in np.flatnonzero(keep & (df >= 2)).tolist():
        d, end = int(df[item]), int(ends[item])
        if d not in triangles:
            triangles[d] = np.triu_indices(d, 1)
        ia, ib = triangles[d]
        a_parts.append(reg[end - d:end][ia])
        b_parts.append(reg[end - d:end][ib])
        i_parts.append(np.full(len(ia), item))
    if not a_parts:
        return []
    pa, pb, pi = np.concatenate(a_parts), np.concatenate(b_parts), np.concatenate(i_parts)
    distinct = pa < pb  # a region named twice for an item is no pair with itself
    pa, pb, pi = pa[distinct], pb[distinct], pi[distinct]
    keys, pair_of = np.unique(pa * len(region_ids) + pb, return_inverse=True)
    s = np.bincount(pair_of, weights=weight[pi], minlength=len(keys))
    n = np.bincount(pair_of, minlength=len(keys))
    a, b = keys // len(region_ids), keys % len(region_ids)
    union = total[a] + total[b] - s
    valid = (n >= min_shared) & (union > 0)
    similarity = s / np.where(valid, union, 1.0)
    weighted = s if weighting == "plain" else s * LN10
    # the pairs in the queries' order: similarity, weighted_shared (as rounded), n_shared, then the ids
    ranked = np.flatnonzero(valid)
    ranked = ranked[np.lexsort((b[ranked], a[ranked], -n[ranked], -np.round(weighted[ranked], 4),
                                -np.round(similarity[ranked], 4)))]
    chosen = np.zeros(len(keys), dtype=bool)
    chosen[ranked[_first_of_each(a[ranked], b[ranked], top_k)]] = True
    # what each chosen pair shares, by kind (the queries tell it by the id prefix), in item order
    kind = [0 if x.startswith("initiative:") else 1 if x.startswith("industrialchain:") else 2 for x in item_ids]
    chosen_pairs = np.flatnonzero(chosen)
    shared: dict[int, tuple[list[str], list[str]]] = {p: ([], []) for p in chosen_pairs.tolist()}
    rows = chosen[pair_of]
    for p, i in zip(pair_of[rows].tolist(), pi[rows].tolist(), strict=True):
        name = names[i]
        if name is not None and kind[i] < 2:
            shared[p][kind[i]].append(name)
    out = []
    for p, ia, ib, sim, ws, count in zip(chosen_pairs.tolist(), a[chosen].tolist(), b[chosen].tolist(),
                                         similarity[chosen].tolist(), weighted[chosen].tolist(),
                                         n[chosen].tolist(), strict=True):
        initiatives, chains = shared[p]
        out.append({"source": region_ids[ia], "target": region_ids[ib], "similarity": sim, "weighted_shared": ws,
                    "n_shared": count, "shared_initiatives": sorted(initiatives) or None,
                    "shared_chains": sorted(chains) or None})
    return out


def _first_of_each(a: Any, b: Any, top_k: int) -> Any:
    """The ranks of the pairs (a[i], b[i]), given in rank order, that are among the first `top_k` of
    region a or of region b: each region's pairs keep the order of all pairs (with one region fixed,
    the ids that end it order the pairs by the other region, as similar-regions does)."""
    import numpy as np

    m = len(a)
    owner = np.r_[a, b]
    by_owner = np.argsort(owner * m + np.r_[np.arange(m), np.arange(m)])  # by region, then by rank
    owner = owner[by_owner]
    first = np.r_[True, owner[1:] != owner[:-1]]
    place = np.arange(2 * m) - np.maximum.accumulate(np.where(first, np.arange(2 * m), 0))
    return by_owner[place < top_k] % m


def drop_pairs(run: Run) -> None:
    """Delete the stored pairs inside the caller's transaction (a load does, for they change with it)."""
    run(f"MATCH (:Region)-[s:{SIMILAR}]->(:Region) DELETE s", {})


def store_pairs(run: Run, create_edges: CreateEdges) -> int:
    """Replace the stored pairs by those of the graph as it now is, inside the caller's transaction
    (`run` and `create_edges` as in `graph.load`); the number of pairs stored."""
    n_total = run("MATCH (home:Region)<-[:ABOUT]-(:Report) RETURN count(DISTINCT home)", {})[0][0]
    items = run("MATCH (g:Region)-[:ADOPTS|DEVELOPS]->(x) RETURN x.id, x.name, collect(g.id)", {})
    params, top_k = measure()
    rows = similar_pairs(n_total, items, top_k, **params)
    drop_pairs(run)
    for i in range(0, len(rows), WRITE_BATCH):
        create_edges(SIMILAR, "Region", "Region", list(COLUMNS), rows[i:i + WRITE_BATCH])
    return len(rows)
