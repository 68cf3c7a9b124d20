// name: initiative
// description: The regions adopting one initiative, with the years and the sentences that say so.
// param: name: str
// columns: initiative, region, years, evidence
// name is an initiative name, alias or id. One row per region, earliest adopter first.
MATCH (i:Initiative)
WHERE i.name = $name OR i.id = $name OR $name IN i.aliases
MATCH (i)-[m:MENTIONED_IN]->(r:Report)-[:ABOUT]->(g:Region)
WITH i, g, collect(DISTINCT r.year) AS years, min(r.year) AS first_year, collect(DISTINCT m.sentence) AS evidence
RETURN i.name AS initiative, g.name AS region, years, evidence
ORDER BY first_year, region, initiative, i.id, g.id
