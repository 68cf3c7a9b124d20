// name: shared-chains
// description: Industrial chains developed by at least min_regions regions; the most telling first, by residual IDF.
// param: min_regions: int = 2
// param: limit: int = 50
// columns: name, regions, n_regions, mentions, idf, score
// idf and score as in shared-initiatives: score = ln(N / n_regions) + ln(1 - exp(-mentions / N)),
// the residual IDF of Church & Gale (1995), N = regions with a report.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (g:Region)-[:DEVELOPS]->(c:IndustrialChain)
WITH n_total, c, collect(g.name) AS regions, count(g) AS n_regions
WHERE n_regions >= $min_regions
WITH n_total, c, regions, n_regions, COUNT { MATCH (c)-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(:Region) } AS mentions
WITH c, regions, n_regions, mentions,
     log10(n_total * 1.0 / n_regions) * 2.302585092994046 AS idf,
     log10(1.0 - 2.718281828459045 ^ (-1.0 * mentions / n_total)) * 2.302585092994046 AS poisson
RETURN c.name AS name, regions, n_regions, mentions, round(idf, 4) AS idf, round(idf + poisson, 4) + 0.0 AS score
ORDER BY score DESC, n_regions DESC, name, c.id
LIMIT $limit
