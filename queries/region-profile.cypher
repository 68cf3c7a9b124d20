// name: region-profile
// description: What one region's reports name: every entity by type, with years, mention count and how many regions share it.
// param: region: str
// param: limit: int = 500
// columns: type, name, kind, years, mentions, n_regions
// region is a region name, alias or id. n_regions counts the regions whose reports name the same entity.
MATCH (g:Region)
WHERE g.name = $region OR g.id = $region OR $region IN g.aliases
MATCH (g)<-[:ABOUT]-(r:Report)<-[m:MENTIONED_IN]-(e)
WITH e, collect(DISTINCT r.year) AS years, count(m) AS mentions
WITH e, years, mentions,
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
MATCH (e)-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(h:Region)
WITH e, years, mentions, type, type_order, count(DISTINCT h) AS n_regions
RETURN type, e.name AS name, e.kind AS kind, years, mentions, n_regions
ORDER BY type_order, n_regions DESC, mentions DESC, name, e.id
LIMIT $limit
