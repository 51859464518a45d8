"""The parts every page shows (the home link, the sections' pages): kept per process, never after a change."""

import pytest
from bs4 import BeautifulSoup

from hub.models import StakeholderDirectoryPage

EVENT = "/{language}/events/leg-quarterly-meeting/"


def organiser_links(client, language):
    soup = BeautifulSoup(client.get(EVENT.format(language=language)).content, "html.parser")
    assert soup.select("dl dd")  # the event's facts, organisers among them
    return [a["href"] for a in soup.select("dl dd a[href*='/stakeholders/']")]


@pytest.mark.parametrize("language", ["en", "ru", "tg"])
def test_the_next_page_after_a_section_is_unpublished_no_longer_links_to_it(client, demo, language):
    before = organiser_links(client, language)
    assert before and all(href.startswith(f"/{language}/stakeholders/") for href in before)

    StakeholderDirectoryPage.objects.get(locale__language_code=language).unpublish()

    assert organiser_links(client, language) == []


def test_a_page_read_after_another_looks_up_neither_the_home_nor_the_sections_again(
    client, demo, django_assert_max_num_queries
):
    """It took 15 when each request looked the Russian home and the directory up again."""
    client.get(EVENT.format(language="ru"))
    with django_assert_max_num_queries(13):
        assert client.get(EVENT.format(language="ru")).status_code == 200
