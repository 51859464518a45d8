"""Best practices: the collection and practice pages with their keywords, the partners' submission form with
its word guidance, the review workflow, and the collection's faceted filters.

Uses the shared vocabularies (hub.taxonomy, hub.keywords, hub.filters, hub.pagination, hub.text), the
directory's organisations (hub.directory.models) and, for a practice's documents, the library's
`related_documents` (hub.documents.library).
"""
