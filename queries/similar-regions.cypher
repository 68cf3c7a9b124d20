// name: similar-regions
// description: The regions most like one region by IDF-weighted Jaccard over initiatives and chains, with what they share.
// param: region: str
// param: weighting: str = idf
// param: max_share: float = 0.5
// param: max_regions: int = 50
// param: min_shared: int = 1
// param: limit: int = 50
// stored: stored/similar-regions.cypher
// columns: region_a, region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
// region is a region name, alias or id; region_a is that region, region_b each region sharing at
// least min_shared initiatives or chains with it. The measure, its parameters and the items left out
// are those of region-similarity, so both rank a pair alike; this one pairs only the region's items.
// With the default weighting, max_share, max_regions and min_shared and a limit up to 64, the same rows
// come from the pairs computed when the graph was loaded (stored/similar-regions.cypher).
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (target:Region)
WHERE target.name = $region OR target.id = $region OR $region IN target.aliases
WITH n_total, collect(target.id) AS targets
MATCH (g:Region)-[:ADOPTS|DEVELOPS]->(x)
WITH n_total, targets, x, collect({id: g.id, name: g.name}) AS gs, count(g) AS df
WHERE $weighting = 'plain' OR (df <= $max_share * n_total AND df <= $max_regions)
WITH n_total, targets, {id: x.id, name: x.name} AS x, gs,
     CASE WHEN $weighting = 'plain' THEN 1.0 ELSE log10(n_total * 1.0 / df) END AS w
UNWIND gs AS a
WITH n_total, targets, a, sum(w) AS wa, collect(x) AS xs
UNWIND xs AS x
WITH n_total, targets, x, collect({id: a.id, name: a.name, t: wa}) AS ps
WHERE size(ps) >= 2
WITH targets, x, ps, CASE WHEN $weighting = 'plain' THEN 1.0 ELSE log10(n_total * 1.0 / size(ps)) END AS w
UNWIND ps AS p
WITH x, ps, p, w, targets
WHERE p.id IN targets
UNWIND ps AS q
WITH x, p, q, w
WHERE p.id <> q.id
WITH p.id AS pid, q.id AS qid, p.name AS pname, q.name AS qname, p.t AS pt, q.t AS qt, sum(w) AS s, count(*) AS n_shared,
     collect(CASE WHEN x.id STARTS WITH 'initiative:' THEN x.name END) AS shared_initiatives,
     collect(CASE WHEN x.id STARTS WITH 'industrialchain:' THEN x.name END) AS shared_chains
WHERE n_shared >= $min_shared AND pt + qt - s > 0
WITH pid, qid, pname, qname, n_shared, shared_initiatives, shared_chains, round(s / (pt + qt - s), 4) AS similarity,
     round(CASE WHEN $weighting = 'plain' THEN s ELSE s * 2.302585092994046 END, 4) AS weighted_shared
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, pid, qid
LIMIT $limit
RETURN pname AS region_a, qname AS region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, region_a, pid, region_b, qid
