// name: similar-regions
// description: The regions most like one region by Jaccard similarity over initiatives and chains, with what they share.
// param: region: str
// param: min_shared: int = 1
// param: limit: int = 50
// columns: region_a, region_b, jaccard, n_shared, shared_initiatives, shared_chains
// region is a region name, alias or id; region_a is that region, region_b each region sharing
// at least min_shared initiatives or chains with it. region-similarity ranks every pair instead.
MATCH (a:Region)
WHERE a.name = $region OR a.id = $region OR $region IN a.aliases
MATCH (a)-[:ADOPTS|DEVELOPS]->(x)<-[:ADOPTS|DEVELOPS]-(b:Region)
WHERE a <> b
WITH a, b, count(*) AS n_shared
WHERE n_shared >= $min_shared
WITH a, b, n_shared,
     COUNT { MATCH (a)-[:ADOPTS|DEVELOPS]->() } AS n_a,
     COUNT { MATCH (b)-[:ADOPTS|DEVELOPS]->() } AS n_b
WITH a, b, n_shared, round(n_shared * 1.0 / (n_a + n_b - n_shared), 4) AS jaccard
ORDER BY jaccard DESC, n_shared DESC, a.name, a.id, b.name, b.id
LIMIT $limit
OPTIONAL MATCH (a)-[:ADOPTS]->(i:Initiative)<-[:ADOPTS]-(b)
WITH a, b, n_shared, jaccard, collect(i.name) AS shared_initiatives
OPTIONAL MATCH (a)-[:DEVELOPS]->(c:IndustrialChain)<-[:DEVELOPS]-(b)
WITH a, b, n_shared, jaccard, shared_initiatives, collect(c.name) AS shared_chains
RETURN a.name AS region_a, b.name AS region_b, jaccard, n_shared, shared_initiatives, shared_chains
ORDER BY jaccard DESC, n_shared DESC, region_a, a.id, region_b, b.id
