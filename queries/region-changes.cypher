// name: region-changes
// description: What a region's report of one year names that its earlier reports did not, and what it dropped.
// param: region: str
// param: from_year: int = 0
// param: to_year: int = 0
// param: limit: int = 1000
// columns: region, from_year, to_year, change, type, name, years, n_regions
// region is a region name, alias or id. to_year defaults (0) to the region's latest year with a
// report, from_year to the year before it that has one. change is "new" (named in to_year, not in
// from_year … to_year - 1) or "dropped" (named then, not in to_year); years are those of the window
// naming it; n_regions counts the regions whose reports name it at all, rarest first.
MATCH (g:Region)
WHERE g.name = $region OR g.id = $region OR $region IN g.aliases
MATCH (g)<-[:ABOUT]-(r:Report)
WHERE r.year IS NOT NULL
WITH g, max(r.year) AS latest
WITH g, CASE WHEN $to_year = 0 THEN latest ELSE $to_year END AS y2
OPTIONAL MATCH (g)<-[:ABOUT]-(r:Report)
WHERE r.year < y2
WITH g, y2, max(r.year) AS previous
WITH g, y2, CASE WHEN $from_year = 0 THEN previous ELSE $from_year END AS y1
MATCH (g)<-[:ABOUT]-(r:Report)<-[:MENTIONED_IN]-(e)
WHERE r.year >= y1 AND r.year <= y2 AND e.id <> g.id
WITH g, y1, y2, e, min(r.year) AS first, max(r.year) AS last, collect(DISTINCT r.year) AS years
WITH g, y1, y2, e, years,
     CASE WHEN first = y2 AND y1 < y2 THEN 'new' WHEN last < y2 THEN 'dropped' ELSE '' END AS change
WHERE change <> ''
OPTIONAL MATCH (e)<-[:ADOPTS|DEVELOPS|HOSTS|RUNS]-(d:Region)
WITH g, y1, y2, e, years, change, count(d) AS n_derived
OPTIONAL MATCH (e)-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(h:Region)
WHERE n_derived = 0
WITH g, y1, y2, e, years, change, n_derived, count(DISTINCT h) AS n_mentioned
WITH g, y1, y2, e, years, change, CASE WHEN n_derived > 0 THEN n_derived ELSE n_mentioned END AS n_regions,
     CASE WHEN e.id STARTS WITH 'initiative:' THEN 'Initiative'
          WHEN e.id STARTS WITH 'industrialchain:' THEN 'IndustrialChain'
          WHEN e.id STARTS WITH 'park:' THEN 'Park'
          WHEN e.id STARTS WITH 'project:' THEN 'Project'
          WHEN e.id STARTS WITH 'enterprise:' THEN 'Enterprise'
          WHEN e.id STARTS WITH 'region:' THEN 'Region'
          ELSE 'Other' END AS type,
     CASE WHEN e.id STARTS WITH 'initiative:' THEN 1
          WHEN e.id STARTS WITH 'industrialchain:' THEN 2
          WHEN e.id STARTS WITH 'park:' THEN 3
          WHEN e.id STARTS WITH 'project:' THEN 4
          WHEN e.id STARTS WITH 'enterprise:' THEN 5
          WHEN e.id STARTS WITH 'region:' THEN 6
          ELSE 7 END AS type_order
RETURN g.name AS region, y1 AS from_year, y2 AS to_year, change, type, e.name AS name, years, n_regions
ORDER BY change DESC, type_order, n_regions, name, e.id, g.id
LIMIT $limit
