// name: region-profile
// description: What one region's reports name, what is distinctive for it first: every entity with years, mentions, how many regions share it.
// param: region: str
// param: limit: int = 500
// columns: type, name, kind, years, mentions, n_regions, idf, score
// region is a region name, alias or id (the region itself is left out). n_regions counts the regions with a report whose reports name
// the same entity (N of them in all); idf = ln(N / n_regions); score = mentions × idf (tf-idf): high for
// what this region names often and few others name, 0 for what every region names.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (g:Region)
WHERE g.name = $region OR g.id = $region OR $region IN g.aliases
MATCH (g)<-[:ABOUT]-(r:Report)<-[m:MENTIONED_IN]-(e)
WHERE e.id <> g.id
WITH n_total, e, collect(DISTINCT r.year) AS years, count(m) AS mentions
WITH n_total, e, years, mentions,
     CASE WHEN e.id STARTS WITH 'initiative:' THEN 'Initiative'
          WHEN e.id STARTS WITH 'industrialchain:' THEN 'IndustrialChain'
          WHEN e.id STARTS WITH 'park:' THEN 'Park'
          WHEN e.id STARTS WITH 'project:' THEN 'Project'
          WHEN e.id STARTS WITH 'enterprise:' THEN 'Enterprise'
          WHEN e.id STARTS WITH 'region:' THEN 'Region'
          ELSE 'Other' END AS type
OPTIONAL MATCH (e)<-[:ADOPTS|DEVELOPS|HOSTS|RUNS]-(d:Region)
WITH n_total, e, years, mentions, type, count(d) AS n_derived
OPTIONAL MATCH (e)-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(h:Region)
WHERE n_derived = 0
WITH n_total, e, years, mentions, type, n_derived, count(DISTINCT h) AS n_mentioned
WITH n_total, e, years, mentions, type, CASE WHEN n_derived > 0 THEN n_derived ELSE n_mentioned END AS n_regions
WITH e, years, mentions, type, n_regions, log10(n_total * 1.0 / n_regions) * 2.302585092994046 AS idf
RETURN type, e.name AS name, e.kind AS kind, years, mentions, n_regions, round(idf, 4) AS idf,
       round(mentions * idf, 4) AS score
ORDER BY score DESC, n_regions, mentions DESC, type, name, e.id
LIMIT $limit
