"""The scale-out search engines, as Wagtail ships them, with one option of ours.

A node makes a written document searchable at its next refresh, about a
second later. With `"REFRESH_ON_WRITE": True` in the backend's settings, each
single-object write (a save or a delete, not the bulk `update_index`)
refreshes the index before it returns, so the very next request finds what
was just published or no longer finds what was just made private. The test
settings turn it on: a test that publishes and then searches must not
depend on timing. A site whose editors expect to find a page the moment they
publish may turn it on too; a refresh per write costs little at an editor's
pace and more under bulk imports.
"""

from wagtail.search.backends.elasticsearch9 import Elasticsearch9Index, Elasticsearch9SearchBackend
from wagtail.search.backends.opensearch3 import OpenSearch3Index, OpenSearch3SearchBackend


class RefreshOnWrite:
    """Index mixin: refresh after a single-object write when the backend asks for it."""

    def add_item(self, item):
        super().add_item(item)
        if self.backend.refresh_on_write:
            self.refresh()

    def delete_item(self, item):
        super().delete_item(item)
        if self.backend.refresh_on_write:
            self.refresh()


class OpenSearchIndex(RefreshOnWrite, OpenSearch3Index):
    pass


class ElasticsearchIndex(RefreshOnWrite, Elasticsearch9Index):
    pass


class RefreshOnWriteBackend:
    """Backend mixin: reads REFRESH_ON_WRITE (off unless set) before Wagtail reads the rest."""

    def __init__(self, params):
        self.refresh_on_write = bool(params.pop("REFRESH_ON_WRITE", False))
        super().__init__(params)


class OpenSearchBackend(RefreshOnWriteBackend, OpenSearch3SearchBackend):
    index_class = OpenSearchIndex


class ElasticsearchBackend(RefreshOnWriteBackend, Elasticsearch9SearchBackend):
    index_class = ElasticsearchIndex


SearchBackend = OpenSearchBackend
