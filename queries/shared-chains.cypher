// name: shared-chains
// description: Industrial chains developed by at least min_regions regions; informative first, near-universal last.
// param: min_regions: int = 2
// param: limit: int = 50
// columns: name, regions, n_regions, score
// score as in shared-initiatives: n_regions * log10(n_total / n_regions), n_total = regions with a report.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (g:Region)-[:DEVELOPS]->(c:IndustrialChain)
WITH n_total, c, collect(g.name) AS regions, count(g) AS n_regions
WHERE n_regions >= $min_regions
WITH c, regions, n_regions, round(n_regions * log10(n_total * 1.0 / n_regions), 4) AS score
RETURN c.name AS name, regions, n_regions, score
ORDER BY score DESC, n_regions DESC, name, c.id
LIMIT $limit
