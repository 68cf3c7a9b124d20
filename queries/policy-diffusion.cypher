// name: policy-diffusion
// description: Where an initiative spread: the first year each region's reports name it, earliest first.
// param: name: str
// columns: initiative, region, first_year, years, n_reports
// name is an initiative name, alias or id. Meaningful for a corpus with several years of reports.
MATCH (i:Initiative)
WHERE i.name = $name OR i.id = $name OR $name IN i.aliases
MATCH (i)-[:MENTIONED_IN]->(r:Report)-[:ABOUT]->(g:Region)
WHERE r.year IS NOT NULL
WITH i, g, min(r.year) AS first_year, collect(DISTINCT r.year) AS years, count(DISTINCT r) AS n_reports
RETURN i.name AS initiative, g.name AS region, first_year, years, n_reports
ORDER BY first_year, region, initiative, i.id, g.id
