from io import StringIO

from django.core.management import call_command
from wagtail.models import Page

from hub.models import BestPracticePage, HubDocument, NewsPage
from hub.synthetic import SLUG_PREFIX


def test_synthetic_content_is_marked_kept_apart_and_removable(client, demo):
    real = Page.objects.count()
    out = StringIO()
    documents = HubDocument.objects.count()
    call_command("generate_synthetic_content", best_practices=30, news=20, documents=20, no_index=True, stdout=out)
    assert "Created 30 synthetic best practices, 20 news items and 20 documents" in out.getvalue()

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

    # Reloading the demo leaves them alone; only --delete removes them.
    call_command("load_demo_content", stdout=StringIO())
    assert BestPracticePage.objects.filter(slug__startswith=SLUG_PREFIX).count() == 30
    call_command("generate_synthetic_content", delete=True, stdout=StringIO())
    assert Page.objects.count() == real
    assert HubDocument.objects.count() == documents
    assert not any(Page.find_problems())
