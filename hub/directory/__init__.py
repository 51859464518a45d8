"""The stakeholder directory: organisations and their focal points (`models`), the directory page and each
organisation's page (`pages`, `views`), CSV export and import (`csv`, `admin_views`) and their admin.

`models` sits below every other domain, since practices, news, events and documents name organisations;
it uses only the shared vocabularies (hub.taxonomy). `pages` and `views` sit above the other domains,
since an organisation's page lists its events and action items (hub.events.views, hub.events.models),
documents (hub.documents.library), practices and news (their models).
"""
