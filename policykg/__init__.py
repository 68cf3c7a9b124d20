"""policykg: Chinese government work reports into a knowledge graph, with evidence."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policykg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
