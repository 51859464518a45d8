"""The knowledge hub: one Django app (app label `hub`) made of a package per domain.

Shared, at the bottom: `taxonomy` (Action Tracks, countries, areas of work, regions), `keywords`,
`blocks`, `text`, `filters` (link filters), `pagination`, `admin` (the vocabularies' viewsets).
Domains, above them: `directory`, `documents`, `best_practices`, `news`, `events`; each owns its
models, views, forms, filters, admin and helpers, and uses another only through the entry points its
docstring names. On top: `knowledge_hub` (hub index and sector pages), `sitemaps`, `templatetags`,
`wagtail_hooks`, `demo`, `synthetic`, `management`, and `models`, which re-exports every model for Django.
"""
