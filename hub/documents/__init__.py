"""The document library: the document and image models with their access levels, the one access rule for
files, previews, lists and search (`access`), the public and private storages, checked uploads, text
extraction and PDF previews, the permission-checked file views (`media`), the library page and its
filters, and the admin forms.

Other domains use it through `access` (what this reader may see) and `library.related_documents`. It
uses the directory's organisations (hub.directory.models, for publishers) and the shared filters and
pagination; its document form offers related events (hub.events.models).
"""
