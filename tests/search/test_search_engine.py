"""The site search on a real search server (OpenSearch 3; Elasticsearch 9 speaks the same): the demo indexed,
found in each language, words inside files found, and nothing private handed to someone who may not see it.

The production-like run starts an OpenSearch node (scripts/services.sh) and sets OPENSEARCH_URL; without one
(a newcomer's machine, no Java) these tests skip and the database backend is tested instead.
"""

import os

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.search.backends import get_search_backend

from accounts.models import User
from hub.models import HubDocument
from tests.search.test_search import result_links, result_titles

pytestmark = pytest.mark.skipif(
    not (os.environ.get("OPENSEARCH_URL") or os.environ.get("ELASTICSEARCH_URL")),
    reason="needs a search server: scripts/services.sh start opensearch, then OPENSEARCH_URL=http://127.0.0.1:9200",
)

MEMBERS_ONLY = "Обзор цифрового обучения в школах Таджикистана"
RESTRICTED = "Learning assessment results by region"


def document_titles(response):
    found = BeautifulSoup(response.content, "html.parser").select(".search-results .hit-documents h2 a")
    return [a.get_text(strip=True) for a in found]


def test_the_demo_is_in_the_search_servers_indexes(demo):
    backend = get_search_backend()
    assert type(backend).__name__ in {"OpenSearchBackend", "ElasticsearchBackend"}

    for model in (type(demo), HubDocument):
        index = backend.get_index_for_model(model)
        assert index.is_alias(), "update_index builds a new index and points the alias at it"
        assert backend.es.count(index=index.name)["count"] > 0
    # Every document is in the index, private ones too: privacy is a filter on each query, tested below.
    hits = backend.search(RESTRICTED, HubDocument.objects.all(), operator="and")
    assert [document.title for document in hits] == [RESTRICTED]


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [("en", "coordination", "Home"), ("ru", "Таджикистана", "Главная"), ("tg", "Тоҷикистон", "Саҳифаи асосӣ")],
)
def test_each_language_finds_its_own_pages(client, demo, language, query, title):
    response = client.get(f"/{language}/search/", {"q": query})

    assert response.status_code == 200
    assert title in result_titles(response)
    links = [a["href"] for a in result_links(response)]
    assert links and all(href.startswith(f"/{language}/") for href in links)


def test_a_word_only_inside_a_pdf_finds_the_document(client, demo):
    # "curriculum" is in the agenda's text, not in its title or description.
    agenda = HubDocument.objects.get(title="LEG quarterly meeting: agenda")
    assert "curriculum" in agenda.extracted_text and "curriculum" not in agenda.description.lower()

    assert agenda.title in document_titles(client.get("/en/search/", {"q": "curriculum"}))


def test_private_documents_are_never_returned_to_anonymous_readers(client, demo):
    for query in ("цифрового обучения", "инфраструктура", "learning assessment results", "Khatlon"):
        found = document_titles(client.get("/ru/search/", {"q": query}))
        assert MEMBERS_ONLY not in found and RESTRICTED not in found, query


def test_signed_in_readers_find_what_their_groups_admit(client, demo):
    member = User.objects.create_user(email="reader@partner.example")
    client.force_login(member)
    assert MEMBERS_ONLY in document_titles(client.get("/ru/search/", {"q": "инфраструктура"}))
    assert RESTRICTED not in document_titles(client.get("/en/search/", {"q": "Khatlon"}))

    member.groups.add(Group.objects.get(name="Learning assessment working group"))
    assert RESTRICTED in document_titles(client.get("/en/search/", {"q": "Khatlon"}))


def test_a_document_made_private_leaves_the_results_at_once(client, demo):
    agenda = HubDocument.objects.get(title="LEG quarterly meeting: agenda")
    assert agenda.title in document_titles(client.get("/en/search/", {"q": "curriculum"}))

    agenda.access = "members"
    agenda.save()

    assert agenda.title not in document_titles(client.get("/en/search/", {"q": "curriculum"}))


def test_an_unpublished_page_leaves_the_results_at_once(client, demo):
    assert "Home" in result_titles(client.get("/en/search/", {"q": "coordination"}))

    demo.unpublish()

    assert "Home" not in result_titles(client.get("/en/search/", {"q": "coordination"}))


@pytest.fixture
def server_requests(monkeypatch):
    """The paths of the requests this test sends to the search server, in order."""
    from opensearchpy.transport import Transport

    sent = []
    perform = Transport.perform_request

    def recorded(self, method, url, *args, **kwargs):
        sent.append(url)
        return perform(self, method, url, *args, **kwargs)

    monkeypatch.setattr(Transport, "perform_request", recorded)
    return sent


def test_the_facets_and_first_page_cost_one_request_to_the_server(client, demo, server_requests):
    first = client.get("/en/search/", {"q": "education", "page": "1"})
    assert server_requests == ["/_msearch"]
    counts = {
        a.get_text(" ", strip=True) for a in BeautifulSoup(first.content, "html.parser").select(".result-types a")
    }
    assert len(counts) > 2, "several kinds found, each counted"

    server_requests.clear()
    second = client.get("/en/search/", {"q": "education", "page": "2"})
    assert server_requests == ["/_msearch", "/_msearch"], "counts with page one, then the deeper results together"
    assert set(result_titles(first)).isdisjoint(result_titles(second))
