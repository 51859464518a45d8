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

`run_many` sends several searches to a node as one multi-search request: the
site search asks for a count and the first results of six kinds at once,
which one at a time cost twelve round trips.
"""

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchResults
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


def run_many(searches):
    """[(results, offset, limit)] of backend search results -> [(total, [objects])], in the order given.

    One multi-search request on a search server; on the database backends, a count and (when the
    count is not zero) a slice per search, as the results would answer one at a time.
    """
    if searches and all(isinstance(results, ElasticsearchBaseSearchResults) for results, _, _ in searches):
        return multi_search(searches)
    answers = []
    for results, offset, limit in searches:
        total = results.count()
        answers.append((total, list(results[offset : offset + limit]) if total > offset and limit else []))
    return answers


def multi_search(searches):
    backend = searches[0][0].backend
    lines = []
    for results, offset, limit in searches:
        lines.append({"index": backend.get_index_for_model(results.query_compiler.queryset.model).name})
        lines.append(
            {
                **results._get_es_body(),
                "from": offset,
                "size": limit,
                "_source": False,
                results.fields_param_name: "pk",
                # Exact totals, as the count API gives them, not "10,000 or more".
                "track_total_hits": True,
            }
        )
    if backend.use_new_elasticsearch_api:
        responses = backend.es.msearch(searches=lines)["responses"]
    else:
        responses = backend.es.msearch(body=lines)["responses"]
    answers = []
    for (results, _, _), header, response in zip(searches, lines[::2], responses, strict=True):
        if "error" in response:
            # As a single search would have failed, with the node's reason.
            raise RuntimeError(f"search in {header['index']} failed: {response['error']}")
        hits = response["hits"]
        answers.append((hits["total"]["value"], list(results._get_results_from_hits(hits["hits"]))))
    return answers
