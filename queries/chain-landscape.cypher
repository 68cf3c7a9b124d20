// name: chain-landscape
// description: One industrial chain's landscape: the regions developing it, its parks, projects and enterprises.
// param: name: str
// columns: chain, regions, parks, projects, enterprises, n_regions
// name is a chain name, alias or id. Parks focus on the chain or host one of its projects; enterprises undertake its projects.
MATCH (c:IndustrialChain)
WHERE c.name = $name OR c.id = $name OR $name IN c.aliases
OPTIONAL MATCH (g:Region)-[:DEVELOPS]->(c)
WITH c, collect(DISTINCT g.name) AS regions
OPTIONAL MATCH (p:Park)
WHERE EXISTS { MATCH (p)-[:FOCUSES_ON]->(c) } OR EXISTS { MATCH (p)<-[:LOCATED_IN]-(:Project)-[:BELONGS_TO]->(c) }
WITH c, regions, collect(DISTINCT p.name) AS parks
OPTIONAL MATCH (pr:Project)-[:BELONGS_TO]->(c)
WITH c, regions, parks, collect(DISTINCT pr.name) AS projects
OPTIONAL MATCH (e:Enterprise)-[:UNDERTAKES]->(:Project)-[:BELONGS_TO]->(c)
WITH c, regions, parks, projects, collect(DISTINCT e.name) AS enterprises
RETURN c.name AS chain, regions, parks, projects, enterprises, size(regions) AS n_regions
ORDER BY chain, c.id
