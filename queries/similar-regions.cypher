// name: similar-regions
// description: The regions most like one region by IDF-weighted Jaccard over initiatives and chains, with what they share.
// param: region: str
// param: weighting: str = idf
// param: max_share: float = 0.5
// param: max_regions: int = 100
// param: min_shared: int = 1
// param: limit: int = 50
// columns: region_a, region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
// region is a region name, alias or id; region_a is that region, region_b each region sharing at
// least min_shared initiatives or chains with it. The measure, its parameters and the items left out
// are those of region-similarity, so both rank a pair alike; this one pairs only the region's items.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (target:Region)
WHERE target.name = $region OR target.id = $region OR $region IN target.aliases
WITH n_total, collect(target.id) AS targets
MATCH (g:Region)-[:ADOPTS|DEVELOPS]->(x)
WITH n_total, targets, x, collect(g) AS gs, count(g) AS df
WHERE $weighting = 'plain' OR (df <= $max_share * n_total AND df <= $max_regions)
WITH n_total, targets, x, gs, CASE WHEN $weighting = 'plain' THEN 1.0 ELSE log10(n_total * 1.0 / df) END AS w
UNWIND gs AS a
WITH n_total, targets, a, sum(w) AS wa, collect(x) AS xs
UNWIND xs AS x
WITH n_total, targets, x, collect({id: a.id, t: wa}) AS ps
WHERE size(ps) >= 2
WITH n_total, targets, ps, CASE WHEN $weighting = 'plain' THEN 1.0 ELSE log10(n_total * 1.0 / size(ps)) END AS w
UNWIND ps AS p
WITH n_total, targets, ps, p, w
WHERE p.id IN targets
UNWIND ps AS q
WITH n_total, p, q, w
WHERE p.id <> q.id
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
     collect(CASE WHEN kept.id STARTS WITH 'industrialchain:' THEN kept.name END) AS shared_chains
RETURN a.name AS region_a, b.name AS region_b, similarity, weighted_shared, n_shared,
       shared_initiatives, shared_chains
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, region_a, a.id, region_b, b.id
