// name: region-similarity
// description: region-similarity with its default parameters, from the pairs stored at load time.
// param: limit: int = 50
// max_limit: 64
// columns: region_a, region_b, similarity, weighted_shared, n_shared, shared_initiatives, shared_chains
// The measure of ../region-similarity.cypher with its default weighting, max_share, max_regions and
// min_shared, computed when the graph is loaded (graph/similarity.py): each region's first max_limit
// pairs, one SIMILAR relationship per pair from the lower region id to the higher, holding the values
// before rounding. Rounded, ranked and ordered as there, so the rows are the same: a pair among the
// first limit <= max_limit of all has fewer than limit pairs above it, so fewer than limit of its own
// region's, and is among the pairs kept for both its regions. An empty list is stored as none.
MATCH (p:Region)-[s:SIMILAR]->(q:Region)
WITH p.id AS pid, q.id AS qid, p.name AS pname, q.name AS qname, s.n_shared AS n_shared,
     coalesce(s.shared_initiatives, []) AS shared_initiatives, coalesce(s.shared_chains, []) AS shared_chains,
     round(s.similarity, 4) AS similarity, round(s.weighted_shared, 4) AS weighted_shared
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
