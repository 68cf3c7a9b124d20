// name: region-similarity
// description: Pairs of regions by Jaccard similarity over their initiatives and chains, with what they share.
// param: min_shared: int = 1
// param: limit: int = 50
// columns: region_a, region_b, jaccard, n_shared, shared_initiatives, shared_chains
// Every pair of regions, each pair once (region_a sorts before region_b by name); ties in jaccard and
// n_shared are cut by region id. Work grows with the square of the regions sharing each item; for one
// region against the rest, similar-regions is much cheaper.
// id(a) < id(b) visits each pair once: an order that costs no property read per pair, which is
// what keeps this query within a second at 500 regions. It is store-specific, so the ranking
// below uses only properties and both stores answer alike. (Neo4j marks id() deprecated but
// keeps it; its ids are unique within a transaction, which is all this needs.)
MATCH (a:Region)-[:ADOPTS|DEVELOPS]->(x)
MATCH (b:Region)-[:ADOPTS|DEVELOPS]->(x)
WHERE id(a) < id(b)
WITH a, b, count(*) AS n_shared
WHERE n_shared >= $min_shared
WITH a, b, n_shared,
     COUNT { MATCH (a)-[:ADOPTS|DEVELOPS]->() } AS n_a,
     COUNT { MATCH (b)-[:ADOPTS|DEVELOPS]->() } AS n_b
WITH a, b, n_shared, round(n_shared * 1.0 / (n_a + n_b - n_shared), 4) AS jaccard, a.id AS id_a, b.id AS id_b
ORDER BY jaccard DESC, n_shared DESC,
         CASE WHEN id_a < id_b THEN id_a ELSE id_b END,
         CASE WHEN id_a < id_b THEN id_b ELSE id_a END
LIMIT $limit
OPTIONAL MATCH (a)-[:ADOPTS]->(i:Initiative)<-[:ADOPTS]-(b)
WITH a, b, n_shared, jaccard, collect(i.name) AS shared_initiatives
OPTIONAL MATCH (a)-[:DEVELOPS]->(c:IndustrialChain)<-[:DEVELOPS]-(b)
WITH a, b, n_shared, jaccard, shared_initiatives, collect(c.name) AS shared_chains,
     a.name < b.name OR (a.name = b.name AND a.id < b.id) AS in_order
WITH n_shared, jaccard, shared_initiatives, shared_chains,
     CASE WHEN in_order THEN a.name ELSE b.name END AS region_a,
     CASE WHEN in_order THEN b.name ELSE a.name END AS region_b,
     CASE WHEN in_order THEN a.id ELSE b.id END AS id_a,
     CASE WHEN in_order THEN b.id ELSE a.id END AS id_b
RETURN region_a, region_b, jaccard, n_shared, shared_initiatives, shared_chains
ORDER BY jaccard DESC, n_shared DESC, region_a, region_b, id_a, id_b
