// name: shared-initiatives
// description: Initiatives adopted by at least min_regions regions; the most telling first, by residual IDF.
// param: min_regions: int = 2
// param: limit: int = 50
// columns: name, kind, regions, n_regions, mentions, idf, score
// N = regions with a report, n_regions = those adopting the initiative, mentions = its mentions in
// their reports. idf = ln(N / n_regions). score = residual IDF (Church & Gale 1995):
// idf + ln(1 - exp(-mentions / N)), the idf beyond what the mentions spread at random over the
// regions would give (+ 0.0 turns a rounded -0.0, which LadybugDB sorts below negatives, into 0.0). High for an initiative its regions name again and again, near 0 for one named
// once here and there, negative for one every region names; it follows the mentions, not a fixed share.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (g:Region)-[:ADOPTS]->(i:Initiative)
WITH n_total, i, collect(g.name) AS regions, count(g) AS n_regions
WHERE n_regions >= $min_regions
WITH n_total, i, regions, n_regions, COUNT { MATCH (i)-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(:Region) } AS mentions
WITH i, regions, n_regions, mentions,
     log10(n_total * 1.0 / n_regions) * 2.302585092994046 AS idf,
     log10(1.0 - 2.718281828459045 ^ (-1.0 * mentions / n_total)) * 2.302585092994046 AS poisson
RETURN i.name AS name, i.kind AS kind, regions, n_regions, mentions, round(idf, 4) AS idf,
       round(idf + poisson, 4) + 0.0 AS score
ORDER BY score DESC, n_regions DESC, name, i.id
LIMIT $limit
