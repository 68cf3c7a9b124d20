// name: region-similarity
// description: Pairs of regions by IDF-weighted Jaccard over their initiatives and chains, with what they share.
// param: weighting: str = idf
// param: max_share: float = 0.5
// param: max_regions: int = 50
// param: min_shared: int = 1
// param: limit: int = 50
// stored: stored/region-similarity.cypher
// columns: region_a, region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
// similarity(a, b) = sum of w(x) over items both name / sum of w(x) over items either names (weighted
// Jaccard, Ioffe 2010), x an initiative or chain, w(x) = idf = ln(N / n(x)): N regions with a report,
// n(x) of them naming x. weighting=plain sets w = 1: the plain Jaccard over every item.
// With idf, the items named by more than max_share of the regions or by more than max_regions regions
// are left out before pairing (from both sums, and from the shared lists): their weight is small, and
// pairing them costs the square of their regions. So the pair rows are at most max_regions times the
// region → item edges, whatever the number of regions. plain pairs every item.
// Each pair once (region_a sorts before region_b by name); ties in similarity are cut by region id.
// Names travel with the ids through the pairing, so nothing is looked up after the ranking.
// With the default weighting, max_share, max_regions and min_shared and a limit up to 64, the same rows
// come from the pairs computed when the graph was loaded (stored/region-similarity.cypher, whose header
// says why they hold the answer, and graph/similarity.py); other values run this query.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (g:Region)-[:ADOPTS|DEVELOPS]->(x)
WITH n_total, x, collect({id: g.id, name: g.name}) AS gs, count(g) AS df
WHERE $weighting = 'plain' OR (df <= $max_share * n_total AND df <= $max_regions)
WITH n_total, {id: x.id, name: x.name} AS x, gs,
     CASE WHEN $weighting = 'plain' THEN 1.0 ELSE log10(n_total * 1.0 / df) END AS w
UNWIND gs AS a
WITH n_total, a, sum(w) AS wa, collect(x) AS xs
UNWIND xs AS x
WITH n_total, x, collect({id: a.id, name: a.name, t: wa}) AS ps
WHERE size(ps) >= 2
WITH x, ps, CASE WHEN $weighting = 'plain' THEN 1.0 ELSE log10(n_total * 1.0 / size(ps)) END AS w
UNWIND ps AS p
UNWIND ps AS q
WITH x, p, q, w
WHERE p.id < q.id
WITH p.id AS pid, q.id AS qid, p.name AS pname, q.name AS qname, p.t AS pt, q.t AS qt, sum(w) AS s, count(*) AS n_shared,
     collect(CASE WHEN x.id STARTS WITH 'initiative:' THEN x.name END) AS shared_initiatives,
     collect(CASE WHEN x.id STARTS WITH 'industrialchain:' THEN x.name END) AS shared_chains
WHERE n_shared >= $min_shared AND pt + qt - s > 0
WITH pid, qid, pname, qname, n_shared, shared_initiatives, shared_chains, round(s / (pt + qt - s), 4) AS similarity,
     round(CASE WHEN $weighting = 'plain' THEN s ELSE s * 2.302585092994046 END, 4) AS weighted_shared
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, pid, qid
LIMIT $limit
WITH similarity, weighted_shared, n_shared, shared_initiatives, shared_chains,
     pname < qname OR (pname = qname AND pid < qid) AS in_order, pid, qid, pname, qname
WITH similarity, weighted_shared, n_shared, shared_initiatives, shared_chains,
     CASE WHEN in_order THEN pname ELSE qname END AS region_a,
     CASE WHEN in_order THEN qname ELSE pname END AS region_b,
     CASE WHEN in_order THEN pid ELSE qid END AS id_a,
     CASE WHEN in_order THEN qid ELSE pid END AS id_b
RETURN region_a, region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, region_a, region_b, id_a, id_b
