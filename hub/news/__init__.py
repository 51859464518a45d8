"""News: the news index (all, by year, by tag) and news pages, with RSS and Atom feeds per language.

Uses the shared blocks, keywords and pagination, and the directory's organisations (hub.directory.models).
"""
