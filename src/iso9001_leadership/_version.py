"""The package version and the project's addresses, on the ground floor so every stage can name them.

The JSON Schemas' ``$id``s are the addresses of the schema files in the project's repository,
so a validator or an editor that fetches a ``$id`` gets the very file the package ships.
"""

__all__ = ["HOMEPAGE", "REPOSITORY", "SCHEMA_BASE", "__version__"]

__version__ = "0.1.0"

#: The project's home: source, issues and documentation.
HOMEPAGE = "https://github.com/iso9001-leadership/iso9001-leadership"

#: The repository the schema ``$id``s point into (raw files on the ``main`` branch).
REPOSITORY = "https://raw.githubusercontent.com/iso9001-leadership/iso9001-leadership/main"

#: Where the package's files live in the repository, for the schema ``$id``s.
SCHEMA_BASE = f"{REPOSITORY}/src/iso9001_leadership"
