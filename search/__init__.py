"""The search engine: Vietnamese-aware matching, facets and snippets over the index."""
