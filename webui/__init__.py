"""The web site, JSON API and command line on top of the search engine."""
