// name: compare
// description: Two regions side by side: what both name (most specific first), and what each names that the other does not, by type.
// param: a: str
// param: b: str
// param: limit: int = 5000
// columns: side, type, name, n_regions, idf, mentions_a, mentions_b
// a and b are region names, aliases or ids. side is "both", "only " + a's name or "only " + b's
// name. n_regions counts the regions whose reports name the item (N in all: for initiatives, chains,
// parks and projects read off the derived Region edges, for the rest from the mentions); idf = ln(N / n_regions),
// so within a side the rarest, most telling items come first.
MATCH (home:Region)<-[:ABOUT]-(:Report)
WITH count(DISTINCT home) AS n_total
MATCH (a:Region)
WHERE a.name = $a OR a.id = $a OR $a IN a.aliases
MATCH (b:Region)
WHERE (b.name = $b OR b.id = $b OR $b IN b.aliases) AND b.id <> a.id
UNWIND [a.id, b.id] AS gid
MATCH (g:Region {id: gid})<-[:ABOUT]-(:Report)<-[m:MENTIONED_IN]-(e)
WHERE e.id <> a.id AND e.id <> b.id
WITH n_total, a, b, e, count(CASE WHEN gid = a.id THEN m END) AS mentions_a,
     count(CASE WHEN gid = b.id THEN m END) AS mentions_b
OPTIONAL MATCH (e)<-[:ADOPTS|DEVELOPS|HOSTS|RUNS]-(d:Region)
WITH n_total, a, b, e, mentions_a, mentions_b, count(d) AS n_derived
OPTIONAL MATCH (e)-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(h:Region)
WHERE n_derived = 0
WITH n_total, a, b, e, mentions_a, mentions_b, n_derived, count(DISTINCT h) AS n_mentioned
WITH n_total, a, b, e, mentions_a, mentions_b,
     CASE WHEN n_derived > 0 THEN n_derived ELSE n_mentioned END AS n_regions,
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
WITH e, mentions_a, mentions_b, n_regions, type, type_order,
     log10(n_total * 1.0 / n_regions) * 2.302585092994046 AS idf,
     CASE WHEN mentions_a > 0 AND mentions_b > 0 THEN 0 WHEN mentions_a > 0 THEN 1 ELSE 2 END AS side_order,
     CASE WHEN mentions_a > 0 AND mentions_b > 0 THEN 'both'
          WHEN mentions_a > 0 THEN 'only ' + a.name ELSE 'only ' + b.name END AS side
RETURN side, type, e.name AS name, n_regions, round(idf, 4) AS idf, mentions_a, mentions_b
ORDER BY side_order, type_order, idf DESC, mentions_a + mentions_b DESC, name, e.id
LIMIT $limit
