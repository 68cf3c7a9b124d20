// name: region-similarity
// description: Pairs of regions by IDF-weighted Jaccard over their initiatives and chains, with what they share.
// param: weighting: str = idf
// param: max_share: float = 0.5
// param: max_regions: int = 100
// param: min_shared: int = 1
// param: limit: int = 50
// columns: region_a, region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
// similarity(a, b) = sum of w(x) over items both name / sum of w(x) over items either names (weighted
// Jaccard, Ioffe 2010), x an initiative or chain, w(x) = idf = ln(N / n(x)): N regions with a report,
// n(x) of them naming x. weighting=plain sets w = 1: the plain Jaccard over every item.
// With idf, the items named by more than max_share of the regions or by more than max_regions regions
// are left out before pairing (from both sums, and from the shared lists): their weight is small, and
// pairing them costs the square of their regions. So the pair rows are at most max_regions times the
// region → item edges, whatever the number of regions. plain pairs every item.
// Each pair once (region_a sorts before region_b by name); ties in similarity are cut by region id.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (g:Region)-[:ADOPTS|DEVELOPS]->(x)
WITH n_total, x, collect(g) AS gs, count(g) AS df
WHERE $weighting = 'plain' OR (df <= $max_share * n_total AND df <= $max_regions)
WITH n_total, x, gs, CASE WHEN $weighting = 'plain' THEN 1.0 ELSE log10(n_total * 1.0 / df) END AS w
UNWIND gs AS a
WITH n_total, a, sum(w) AS wa, collect(x) AS xs
UNWIND xs AS x
WITH n_total, x, collect({id: a.id, t: wa}) AS ps
WHERE size(ps) >= 2
WITH n_total, ps, CASE WHEN $weighting = 'plain' THEN 1.0 ELSE log10(n_total * 1.0 / size(ps)) END AS w
UNWIND ps AS p
UNWIND ps AS q
WITH n_total, p, q, w
WHERE p.id < q.id
WITH n_total, p.id AS id_a, q.id AS id_b, p.t AS wa, q.t AS wb, sum(w) AS s, count(*) AS n_shared
WHERE n_shared >= $min_shared AND wa + wb - s > 0
WITH n_total, id_a, id_b, n_shared, round(s / (wa + wb - s), 4) AS similarity,
     round(CASE WHEN $weighting = 'plain' THEN s ELSE s * 2.302585092994046 END, 4) AS weighted_shared
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, id_a, id_b
LIMIT $limit
MATCH (a:Region {id: id_a}), (b:Region {id: id_b})
OPTIONAL MATCH (a)-[:ADOPTS|DEVELOPS]->(x)<-[:ADOPTS|DEVELOPS]-(b)
WITH n_total, a, b, similarity, weighted_shared, n_shared, x,
     COUNT { MATCH (x)<-[:ADOPTS|DEVELOPS]-(:Region) } AS dx
WITH a, b, similarity, weighted_shared, n_shared,
     CASE WHEN $weighting = 'plain' OR (dx <= $max_share * n_total AND dx <= $max_regions) THEN x END AS kept
WITH a, b, similarity, weighted_shared, n_shared,
     collect(CASE WHEN kept.id STARTS WITH 'initiative:' THEN kept.name END) AS shared_initiatives,
     collect(CASE WHEN kept.id STARTS WITH 'industrialchain:' THEN kept.name END) AS shared_chains,
     a.name < b.name OR (a.name = b.name AND a.id < b.id) AS in_order
WITH similarity, weighted_shared, n_shared, shared_initiatives, shared_chains,
     CASE WHEN in_order THEN a.name ELSE b.name END AS region_a,
     CASE WHEN in_order THEN b.name ELSE a.name END AS region_b,
     CASE WHEN in_order THEN a.id ELSE b.id END AS id_a,
     CASE WHEN in_order THEN b.id ELSE a.id END AS id_b
RETURN region_a, region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, region_a, region_b, id_a, id_b
