// name: trending
// description: Initiatives and chains whose number of regions grew fastest since a year.
// param: since: int = 0
// param: limit: int = 50
// columns: type, name, n_before, n_now, new_regions, per_year, first_year
// since defaults (0) to the latest year reviewed minus 2 (the last three years). n_before counts the
// regions whose reports named the item before since, n_now those naming it by the latest year;
// new_regions = n_now - n_before, per_year = new_regions / (latest - since + 1). first_year is the
// year any region first named it. A region's first year is the first of its ADOPTS / DEVELOPS years
// (sorted ascending; a negative index reads alike in both stores).
MATCH (r:Report)
WHERE r.year IS NOT NULL
WITH max(r.year) AS latest
WITH latest, CASE WHEN $since = 0 THEN latest - 2 ELSE $since END AS since
MATCH (g:Region)-[d:ADOPTS|DEVELOPS]->(x)
WHERE size(d.years) > 0
WITH latest, since, x, g, d.years[-size(d.years)] AS first
WITH latest, since, x, count(g) AS n_now, count(CASE WHEN first < since THEN 1 END) AS n_before,
     min(first) AS first_year
WITH latest, since, x, n_now, n_before, first_year, n_now - n_before AS new_regions
WHERE new_regions > 0
RETURN CASE WHEN x.id STARTS WITH 'initiative:' THEN 'Initiative' ELSE 'IndustrialChain' END AS type,
       x.name AS name, n_before, n_now, new_regions,
       round(new_regions * 1.0 / (latest - since + 1), 4) AS per_year, first_year
ORDER BY new_regions DESC, n_now DESC, first_year, name, x.id
LIMIT $limit
