// name: search
// description: Entities whose name or an alias contains a substring, across all types; exact and short matches first.
// param: q: str
// param: limit: int = 50
// columns: type, name, aliases, n_reports, id
// Case-insensitive for Latin letters. The names are matched before the mentions are expanded (LadybugDB
// otherwise tests the name once per mention: 10-20x slower on 2,000 reports); an entity without a mention is left out.
WITH toLower($q) AS q
MATCH (e)
WHERE toLower(e.name) CONTAINS q OR any(a IN e.aliases WHERE toLower(a) CONTAINS q)
WITH q, e
MATCH (e)-[:MENTIONED_IN]->(r:Report)
WITH q, e, count(DISTINCT r) AS n_reports
WITH e, n_reports,
     CASE WHEN e.id STARTS WITH 'initiative:' THEN 'Initiative'
          WHEN e.id STARTS WITH 'industrialchain:' THEN 'IndustrialChain'
          WHEN e.id STARTS WITH 'park:' THEN 'Park'
          WHEN e.id STARTS WITH 'project:' THEN 'Project'
          WHEN e.id STARTS WITH 'enterprise:' THEN 'Enterprise'
          WHEN e.id STARTS WITH 'region:' THEN 'Region'
          ELSE 'Other' END AS type,
     CASE WHEN toLower(e.name) = q THEN 0 WHEN toLower(e.name) STARTS WITH q THEN 1 ELSE 2 END AS rank
RETURN type, e.name AS name, e.aliases AS aliases, n_reports, e.id AS id
ORDER BY rank, size(name), name, type, id
LIMIT $limit
