// name: similar-regions
// description: similar-regions with its default parameters, from the pairs stored at load time.
// param: region: str
// param: limit: int = 50
// max_limit: 64
// columns: region_a, region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
// The measure of ../similar-regions.cypher with its default weighting, max_share, max_regions and
// min_shared, read from the pairs ./region-similarity.cypher reads: a region's first max_limit pairs
// are among them, each pair stored once (so matched either way round). Ranked and ordered as there.
MATCH (target:Region)
WHERE target.name = $region OR target.id = $region OR $region IN target.aliases
MATCH (target)-[s:SIMILAR]-(other:Region)
WITH target.id AS pid, other.id AS qid, target.name AS pname, other.name AS qname, s.n_shared AS n_shared,
     coalesce(s.shared_initiatives, []) AS shared_initiatives, coalesce(s.shared_chains, []) AS shared_chains,
     round(s.similarity, 4) AS similarity, round(s.weighted_shared, 4) AS weighted_shared
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, pid, qid
LIMIT $limit
RETURN pname AS region_a, qname AS region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
ORDER BY similarity DESC, weighted_shared DESC, n_shared DESC, region_a, pid, region_b, qid
