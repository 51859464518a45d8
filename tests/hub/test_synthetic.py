from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from hub.models import BestPracticePage, Event, HubDocument, NewsPage, Stakeholder
from hub.synthetic import SLUG_PREFIX
from projects.models import Project
from projects.synthetic import PREFIX


def test_synthetic_content_is_marked_kept_apart_and_removable(client, demo):
    real = Page.objects.count()
    out = StringIO()
    documents = HubDocument.objects.count()
    call_command(
        "generate_synthetic_content",
        best_practices=30,
        news=20,
        documents=20,
        organisations=12,
        events=10,
        projects=5,
        no_index=True,
        stdout=out,
    )
    assert (
        "Created 30 synthetic best practices, 20 news items, 20 documents, 12 organisations, 10 events and 5 projects"
        in out.getvalue()
    )

    synthetic = BestPracticePage.objects.filter(slug__startswith=SLUG_PREFIX)
    assert synthetic.count() == 30
    assert all(page.title.startswith("[Synthetic]") for page in synthetic)
    assert NewsPage.objects.filter(slug__startswith=SLUG_PREFIX).count() == 20
    assert not any(Page.find_problems())  # the tree stays consistent
    made = HubDocument.objects.filter(title__startswith="[Synthetic]")
    assert made.count() == 20 and made.filter(access="members").count() == 2
    assert all(len(document.extracted_text.split()) == 1200 for document in made)  # text to search, as a file gives
    practice = synthetic.first()
    assert client.get(practice.url).status_code == 200
    assert practice.keywords.count() >= 1 and practice.action_tracks.count() == 2

    assert Stakeholder.objects.filter(code__startswith=SLUG_PREFIX, locale__language_code="en").count() == 12
    assert "[Synthetic] Organisation 00001" in client.get("/en/stakeholders/synthetic-00001/").text
    events = Event.objects.filter(slug__startswith=SLUG_PREFIX)
    assert events.filter(start__lt=timezone.now()).count() == 5  # half past, half to come
    assert "[Synthetic] Event 00001" in client.get("/en/events/synthetic-event-00001/").text
    assert Project.objects.filter(iati_identifier__startswith=PREFIX).count() == 5

    # Russian pages and snippets, for listings in another language.
    call_command(
        "generate_synthetic_content",
        best_practices=3,
        news=2,
        events=2,
        language="ru",
        no_index=True,
        stdout=StringIO(),
    )
    assert BestPracticePage.objects.filter(slug__startswith=SLUG_PREFIX, locale__language_code="ru").count() == 3
    assert "[Synthetic] Event 00001" in client.get("/ru/events/synthetic-event-00001/").text

    # Reloading the demo leaves them alone; only --delete removes them.
    call_command("load_demo_content", stdout=StringIO())
    assert BestPracticePage.objects.filter(slug__startswith=SLUG_PREFIX).count() == 33
    call_command("generate_synthetic_content", delete=True, stdout=StringIO())
    assert Page.objects.count() == real
    assert HubDocument.objects.count() == documents
    assert not Event.objects.filter(slug__startswith=SLUG_PREFIX).exists()
    assert not Stakeholder.objects.filter(code__startswith=SLUG_PREFIX).exists()
    assert not Project.objects.filter(iati_identifier__startswith=PREFIX).exists()
    assert not any(Page.find_problems())
