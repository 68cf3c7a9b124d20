// name: policy-diffusion
// description: Where an initiative spread: each region's first year, the regions naming it by then, and the sentence that first names it.
// param: name: str
// columns: initiative, region, first_year, n_regions_by_then, years, n_reports, sentence
// name is an initiative name, alias or id. One row per region, earliest adopter first; years are the
// years reviewed of the reports naming it. n_regions_by_then counts the regions whose reports named
// it in first_year or before (the cumulative spread). sentence is the region's first mention in
// first_year (the lowest offset; year * 10^8 + offset ranks the mentions in one pass).
MATCH (i:Initiative)
WHERE i.name = $name OR i.id = $name OR $name IN i.aliases
MATCH (i)-[:MENTIONED_IN]->(r:Report)-[:ABOUT]->(g:Region)
WHERE r.year IS NOT NULL
WITH i, g, min(r.year) AS f
WITH i, f, count(g) AS k
WITH i, collect({f: f, k: k}) AS per_year
UNWIND per_year AS p
UNWIND per_year AS q
WITH i, p, q
WHERE q.f <= p.f
UNWIND range(1, q.k) AS one
WITH i, p.f AS year, count(one) AS by_then
WITH i, collect({y: year, c: by_then}) AS spread
MATCH (i)-[m:MENTIONED_IN]->(r:Report)-[:ABOUT]->(g:Region)
WHERE r.year IS NOT NULL
WITH i, spread, g, r, m, r.year * 100000000 + m.start_offset AS rank
WITH i, spread, g, min(r.year) AS first_year, collect(DISTINCT r.year) AS years, count(DISTINCT r) AS n_reports,
     min(rank) AS first_rank, collect({rank: rank, sentence: m.sentence}) AS ms
UNWIND ms AS x
WITH i, spread, g, first_year, years, n_reports, first_rank, x
WHERE x.rank = first_rank
WITH i, spread, g, first_year, years, n_reports, min(x.sentence) AS sentence
UNWIND spread AS s
WITH i, g, first_year, years, n_reports, sentence, s
WHERE s.y = first_year
RETURN i.name AS initiative, g.name AS region, first_year, s.c AS n_regions_by_then, years, n_reports, sentence
ORDER BY first_year, region, initiative, i.id, g.id
