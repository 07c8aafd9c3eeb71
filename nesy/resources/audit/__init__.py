"""Package data (see pyproject: package-data)."""
