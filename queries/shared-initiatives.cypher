// name: shared-initiatives
// description: Initiatives adopted by at least min_regions regions; shared-by-some first, near-universal last.
// param: min_regions: int = 2
// param: limit: int = 50
// columns: name, kind, regions, n_regions
MATCH (g:Region)-[:ADOPTS]->(i:Initiative)
WITH i, g ORDER BY g.name LIMIT 1000000
WITH i, collect(DISTINCT g.name) AS regions
WITH i, regions, size(regions) AS n_regions
WHERE n_regions >= $min_regions
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH i, regions, n_regions, count(DISTINCT home) AS n_total
RETURN i.name AS name, i.kind AS kind, regions, n_regions
ORDER BY CASE WHEN n_regions * 5 >= n_total * 4 AND n_total > 2 THEN 1 ELSE 0 END, n_regions DESC, name
LIMIT $limit
