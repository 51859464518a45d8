"""The repo's relevance set (relevance.json) on every search backend the run has: the database's, and OpenSearch's
in the production-like run. Each query's expected result must come first; private things must never appear.

success@1 per backend is printed by `pytest tests/search/test_relevance.py -rA` (one line per query).
"""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from search.engine import Search, suggestion

SET = json.loads((Path(__file__).parent / "relevance.json").read_text(encoding="utf-8"))
BACKENDS = list(settings.WAGTAILSEARCH_BACKENDS)


def anonymous_request():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def first_titles(language, query, backend, kind=None):
    """What a reader sees first: the results, or those of the suggested spelling when there are none."""
    with translation.override(language):
        found = Search(anonymous_request(), query, kind, backend=backend)
        if not found.total and (corrected := suggestion(query, found.locale)):
            found = Search(anonymous_request(), corrected, kind, backend=backend)
        return [hit.title for hit in found.page(1).object_list]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", SET["queries"], ids=lambda case: f"{case['language']}:{case['query']}")
def test_the_expected_result_comes_first(demo, backend, case):
    titles = first_titles(case["language"], case["query"], backend, case.get("type"))

    assert titles and titles[0] == case["first"], f"{case['tests']}: got {titles[:3]}"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", SET["private"], ids=lambda case: f"{case['language']}:{case['query']}")
def test_private_things_are_not_found_by_visitors(demo, backend, case):
    titles = first_titles(case["language"], case["query"], backend)

    if case["hidden"]:
        assert case["hidden"] not in titles, case["tests"]
    else:
        assert titles == [], case["tests"]
