// name: evidence
// description: The sentences that mention an entity, with report, region and year.
// param: name: str
// param: type: str = *
// param: limit: int = 200
// columns: type, name, region, year, report, sentence, text
// name is an entity name, alias or id; type (Initiative, IndustrialChain, Park, Project, Enterprise, Region) narrows it.
MATCH (e)-[m:MENTIONED_IN]->(r:Report)
WHERE (e.name = $name OR e.id = $name OR $name IN e.aliases)
  AND ($type = '*' OR e.id STARTS WITH (toLower($type) + ':'))
OPTIONAL MATCH (r)-[:ABOUT]->(g:Region)
WITH e, m, r, g,
     CASE WHEN e.id STARTS WITH 'initiative:' THEN 'Initiative'
          WHEN e.id STARTS WITH 'industrialchain:' THEN 'IndustrialChain'
          WHEN e.id STARTS WITH 'park:' THEN 'Park'
          WHEN e.id STARTS WITH 'project:' THEN 'Project'
          WHEN e.id STARTS WITH 'enterprise:' THEN 'Enterprise'
          WHEN e.id STARTS WITH 'region:' THEN 'Region'
          ELSE 'Other' END AS type
RETURN type, e.name AS name, g.name AS region, r.year AS year, r.source AS report, m.sentence AS sentence, m.text AS text
ORDER BY type, name, year, region, report, m.start_offset, sentence, e.id
LIMIT $limit
