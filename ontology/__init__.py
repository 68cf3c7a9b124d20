"""The policykg ontology: the graph model's one definition, SHACL shapes and RDF export."""
