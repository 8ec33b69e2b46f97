"""API plumbing that both apps' doors use and that knows neither: the error body, request parsers, and
renderers for JSON text PostGIS already wrote. It imports no project app (import-linter, pyproject.toml)."""
