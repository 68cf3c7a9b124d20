// name: shared-initiatives
// description: Initiatives adopted by at least min_regions regions; informative first, near-universal last.
// param: min_regions: int = 2
// param: limit: int = 50
// columns: name, kind, regions, n_regions, score
// Regions are those with a report (n_total of them). score = n_regions * log10(n_total / n_regions):
// high for initiatives that many but not all regions share, 0 for one every region names.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (g:Region)-[:ADOPTS]->(i:Initiative)
WITH n_total, i, collect(g.name) AS regions, count(g) AS n_regions
WHERE n_regions >= $min_regions
WITH i, regions, n_regions, round(n_regions * log10(n_total * 1.0 / n_regions), 4) AS score
RETURN i.name AS name, i.kind AS kind, regions, n_regions, score
ORDER BY score DESC, n_regions DESC, name, i.id
LIMIT $limit
