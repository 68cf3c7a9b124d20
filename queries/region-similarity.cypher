// name: region-similarity
// description: Pairs of regions by Jaccard similarity over their initiatives and chains, with what they share.
// param: region: str = *
// param: min_shared: int = 1
// param: limit: int = 50
// columns: region_a, region_b, jaccard, n_shared, shared_initiatives, shared_chains
// region = * compares every pair (work grows with the square of the regions sharing each item);
// a region name, alias or id compares that region with every other (region_a is that region).
MATCH (a:Region)
WHERE $region = '*' OR a.name = $region OR a.id = $region OR $region IN a.aliases
MATCH (a)-[:ADOPTS|DEVELOPS]->(x)<-[:ADOPTS|DEVELOPS]-(b:Region)
WITH a, b, count(*) AS n_shared
WHERE n_shared >= $min_shared AND a.id <> b.id
  AND ($region <> '*' OR a.name < b.name OR (a.name = b.name AND a.id < b.id))
WITH a, b, n_shared,
     COUNT { MATCH (a)-[:ADOPTS|DEVELOPS]->() } AS n_a,
     COUNT { MATCH (b)-[:ADOPTS|DEVELOPS]->() } AS n_b
WITH a, b, n_shared, round(n_shared * 1.0 / (n_a + n_b - n_shared), 4) AS jaccard
ORDER BY jaccard DESC, n_shared DESC, a.name, b.name, a.id, b.id
LIMIT $limit
OPTIONAL MATCH (a)-[:ADOPTS]->(i:Initiative)<-[:ADOPTS]-(b)
WITH a, b, n_shared, jaccard, collect(i.name) AS shared_initiatives
OPTIONAL MATCH (a)-[:DEVELOPS]->(c:IndustrialChain)<-[:DEVELOPS]-(b)
WITH a, b, n_shared, jaccard, shared_initiatives, collect(c.name) AS shared_chains
RETURN a.name AS region_a, b.name AS region_b, jaccard, n_shared, shared_initiatives, shared_chains
ORDER BY jaccard DESC, n_shared DESC, region_a, region_b, a.id, b.id
