"""The document library: who sees what, through every door (file, listing, search, preview); uploads; lists.

Documents are made with the demo's own file generators and processed by the
real extraction task; files go to per-test folders (tests/conftest.py).
"""

import io
import os
import re
import subprocess
import tracemalloc
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Locale
from wagtail.users.models import UserProfile

from accounts.models import User
from hub.demo import collection_editors
from hub.demo_files import make_docx, make_pdf, make_xlsx
from hub.documents.extraction import extract_text
from hub.documents.models import Access
from hub.documents.uploads import svg_is_safe
from hub.models import DocumentLibraryPage, HubDocument
from tests.conftest import sitemap_text

LIBRARY = "/en/documents/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def pdf_bytes(secret):
    return make_pdf(f"Document {secret}", [f"The secret word is {secret}.", "Local Education Group of Tajikistan"])


def make_document(title, secret, access=Access.PUBLIC, collection=None, groups=(), **fields):
    document = HubDocument(title=title, access=access, collection=collection or Collection.get_first_root_node())
    for name, value in fields.items():
        setattr(document, name, value)
    document.file.save(f"{secret}.pdf", ContentFile(pdf_bytes(secret)), save=False)
    document._set_document_file_metadata()
    document.save()
    document.groups.set(groups)
    return document


def files_under(root):
    return sorted(
        os.path.relpath(os.path.join(folder, name), root) for folder, _dirs, names in os.walk(root) for name in names
    )


@pytest.fixture
def library(home):
    """The demo's library page, in three languages, with the demo's four documents."""
    return DocumentLibraryPage.objects.get(locale=home.locale)


@pytest.fixture
def empty_library(library):
    """The library page without the demo's documents, for tests that count what is listed."""
    HubDocument.objects.all().delete()
    return library


@pytest.fixture
def world(library, django_capture_on_commit_callbacks):
    """Two collections, a reader group, four documents and the four kinds of visitor the matrix checks."""
    root = Collection.get_first_root_node()
    meetings = root.add_child(name="Matrix: meetings")
    assessment = root.add_child(name="Matrix: working group")
    readers = Group.objects.create(name="Assessment readers")
    restriction = CollectionViewRestriction.objects.create(
        collection=assessment, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([readers])

    editors = collection_editors(assessment, "Editors: assessment")

    with django_capture_on_commit_callbacks(execute=True):
        documents = {
            "public": make_document("Public agenda", "zephyrine", collection=meetings),
            "members": make_document("Members report", "quokkalith", Access.MEMBERS, collection=meetings),
            "restricted": make_document(
                "Restricted data", "brontoquill", Access.RESTRICTED, collection=meetings, groups=[readers]
            ),
            # Public by level, but its collection admits only the readers group.
            "collection": make_document("Working group draft", "marzipanix", collection=assessment),
        }
    people = {
        "anonymous": None,
        "member": User.objects.create_user(email="member@example.org"),
        "reader": User.objects.create_user(email="reader@example.org"),
        # Edits the assessment collection's documents; an ordinary member for the meetings collection.
        "other editor": User.objects.create_user(email="editor@example.org"),
    }
    people["reader"].groups.add(readers)
    people["other editor"].groups.add(editors)
    return documents, people


# Who may see each document: anonymous, member, reader (the allowed group), editor of another collection.
MATRIX = {
    "public": {"anonymous": True, "member": True, "reader": True, "other editor": True},
    "members": {"anonymous": False, "member": True, "reader": True, "other editor": True},
    "restricted": {"anonymous": False, "member": False, "reader": True, "other editor": False},
    # The assessment editors edit this collection, so they see its documents.
    "collection": {"anonymous": False, "member": False, "reader": True, "other editor": True},
}
SECRETS = {"public": "zephyrine", "members": "quokkalith", "restricted": "brontoquill", "collection": "marzipanix"}
CASES = [(level, who, allowed) for level, row in MATRIX.items() for who, allowed in row.items()]


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("level", "who", "allowed"), CASES)
def test_each_visitor_gets_exactly_the_documents_they_may_see(client, world, level, who, allowed):
    documents, people = world
    document = documents[level]
    client = client_for(client, people[who])
    pdf = pdf_bytes(SECRETS[level])

    file_response = client.get(document.url)
    preview = client.get(f"/documents/{document.pk}/preview.webp")
    listing = client.get(LIBRARY)
    found = client.get("/en/search/", {"q": SECRETS[level]})

    if allowed:
        assert file_response.status_code == 200
        assert b"".join(file_response.streaming_content) == pdf
        assert preview.status_code == 200 and preview["Content-Type"] == "image/webp"
        assert document.title in listing.content.decode()
        assert document.title in found.content.decode()
    else:
        assert file_response.status_code in (403, 404)
        assert pdf not in file_response.content and b"%PDF" not in file_response.content
        assert preview.status_code in (403, 404) and b"WEBP" not in preview.content
        assert document.title not in listing.content.decode()
        assert document.title not in found.content.decode()
        assert document.url not in listing.content.decode() + found.content.decode()


def test_anonymous_visitors_asking_for_a_members_document_are_told_to_sign_in(client, world):
    documents, _people = world
    response = client.get(documents["members"].url, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 403
    page = soup(response)
    assert page.html["lang"] == "ru"
    assert page.h1.get_text(strip=True) == "Войдите, чтобы продолжить"
    assert page.select_one("main a.button")["href"].startswith("/ru/accounts/login/?next=")
    # A restricted document does not even admit that it exists.
    assert client.get(documents["restricted"].url).status_code == 404


def test_members_see_members_only_documents_marked_as_such(client, world):
    documents, people = world
    client.force_login(people["member"])
    page = soup(client.get(LIBRARY))
    item = next(a for a in page.select(".document-list .document") if "Members report" in a.get_text())
    assert item.select_one(".access").get_text(strip=True) == "Members only"


def test_documents_are_sent_as_downloads_that_cannot_run_script(client, world):
    documents, people = world
    public = client.get(documents["public"].url)
    assert public["Content-Disposition"].startswith("attachment;")
    assert public["Content-Security-Policy"] == "default-src 'none'"
    assert public["X-Content-Type-Options"] == "nosniff"
    assert "Content-Encoding" not in public
    # The same bytes for everyone: a CDN may keep them.
    assert "public" in public["Cache-Control"]
    client.force_login(people["member"])
    private = client.get(documents["members"].url)
    assert private.status_code == 200
    assert "no-store" in private["Cache-Control"] and "public" not in private["Cache-Control"]


def test_private_files_have_no_url_under_media(client, world, settings):
    documents, _people = world
    for document in documents.values():
        assert not (settings.MEDIA_ROOT / document.file.name).exists()
        assert (settings.PRIVATE_MEDIA_ROOT / document.file.name).exists()
        assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
        with pytest.raises(NotImplementedError):
            document.file.url  # noqa: B018


def test_sitemap_names_no_document_file(client, world):
    content = sitemap_text(client)
    assert "/en/documents/" in content  # the library page itself
    assert not re.search(r"/documents/\d+/", content)


# Library


def test_the_library_filters_by_type_year_organisation_and_language_and_sorts(client, empty_library):
    from hub.models import Stakeholder

    eu = Stakeholder.objects.get(locale__language_code="en", code="eu")
    documents = [
        make_document("Zeta report", "one", document_type="report", languages="en,ru", publication_date="2025-03-01"),
        make_document("Alpha policy", "two", document_type="policy", languages="tg", publication_date="2026-05-01"),
        make_document("Beta data", "three", document_type="data", languages="ru", publication_date="2026-01-10"),
    ]
    documents[0].publishers.set([eu])

    def titles(**query):
        return [a.get_text(strip=True) for a in soup(client.get(LIBRARY, query)).select(".document-list h3 a")]

    assert titles() == ["Alpha policy", "Beta data", "Zeta report"]
    assert titles(sort="title") == ["Alpha policy", "Beta data", "Zeta report"]
    assert titles(type="report") == ["Zeta report"]
    assert titles(year="2026") == ["Alpha policy", "Beta data"]
    assert titles(organisation="eu") == ["Zeta report"]
    assert titles(language="ru") == ["Beta data", "Zeta report"]
    assert titles(language="ru", year="2025") == ["Zeta report"]
    assert titles(year="nonsense") == []
    # Facet counts honour the other filters; labels are in the visitor's language.
    facets = soup(client.get(LIBRARY, {"year": "2026"}))
    languages = {a["data-code"]: a.get_text(" ", strip=True) for a in facets.select("#facet-language ~ ul a")}
    assert languages == {"ru": "Russian (1)", "tg": "Tajik (1)"}
    russian = soup(client.get("/ru/documents/", {"type": "report"}))
    assert russian.select_one(".document .tag").get_text(strip=True) == "Отчёт"


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_library_needs_the_same_few_queries_for_ten_thousand_documents(
    client, empty_library, django_assert_max_num_queries, signed_in
):
    from hub.models import Stakeholder

    english = Locale.objects.get(language_code="en")
    publishers = [Stakeholder.objects.create(locale=english, code=f"org-{n}", name=f"Org {n}") for n in range(5)]
    levels = [Access.PUBLIC, Access.MEMBERS, Access.RESTRICTED]
    HubDocument.objects.bulk_create(
        HubDocument(
            title=f"Document {n:05}",
            file=f"documents/document-{n}.pdf",
            file_size=1000 + n,
            access=levels[n % 3],
            document_type=["report", "data", "policy"][n % 3],
            languages=["en", "ru", "tg", "en,ru"][n % 4],
            publication_date=f"{2015 + n % 10}-0{1 + n % 9}-1{n % 10}",
            collection=Collection.get_first_root_node(),
        )
        for n in range(10_000)
    )
    through = HubDocument.publishers.through
    ids = list(HubDocument.objects.values_list("pk", flat=True))
    through.objects.bulk_create(
        through(hubdocument_id=pk, stakeholder_id=publishers[pk % 5].pk) for pk in ids if pk % 2
    )
    if signed_in:
        client.force_login(User.objects.create_user(email="member@example.org"))
    # The first request after a change: one of them reads the content version the kept parts are filed under.
    with django_assert_max_num_queries(31):
        response = client.get(LIBRARY, {"language": "ru", "page": "3"})
    assert response.status_code == 200
    # Russian among the document's languages, and public (or members-only, for a member).
    seen = [Access.PUBLIC, Access.MEMBERS] if signed_in else [Access.PUBLIC]
    expected = sum(1 for n in range(10_000) if levels[n % 3] in seen and "ru" in ["en", "ru", "tg", "en,ru"][n % 4])
    assert soup(response).select_one(".results-bar [role=status]").get_text() == f"{expected} documents"
    assert len(soup(response).select(".document-list > li")) == 20


# Text inside documents


def opendocument(kind, text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        archive.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
            f"<table:table><table:table-row><table:table-cell><text:p>{text}</text:p></table:table-cell>"
            "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
        )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("extension", "content"),
    [
        ("pdf", make_pdf("Title", ["Assessment framework for grade four"])),
        ("docx", make_docx("Обзор", ["Цифровое обучение в школах", "Assessment framework for grade four"])),
        ("xlsx", make_xlsx("Data", [["Region", "Assessment framework for grade four"], ["Sughd", 66]])),
        ("ods", opendocument("spreadsheet", "Assessment framework for grade four")),
    ],
)
def test_words_inside_pdf_docx_xlsx_and_ods_files_are_extracted(extension, content):
    text = extract_text(io.BytesIO(content), extension)
    assert "Assessment framework for grade four" in " ".join(text.split())
    if extension == "docx":
        assert "Цифровое обучение" in text


def test_site_search_finds_a_word_inside_a_word_document(client, library, django_capture_on_commit_callbacks):
    document = HubDocument(title="Teacher survey", collection=Collection.get_first_root_node())
    document.file.save("survey.docx", ContentFile(make_docx("Survey", ["Cheburashka appears once."])), save=False)
    document._set_document_file_metadata()
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    document.refresh_from_db()
    assert "Cheburashka" in document.extracted_text
    assert document.processed_hash == document.file_hash
    page = soup(client.get("/en/search/", {"q": "Cheburashka"}))
    assert [a.get_text(strip=True) for a in page.select(".search-results .hit-documents h2 a")] == ["Teacher survey"]


# Uploads


@pytest.fixture
def editor(db):
    user = User.objects.create_superuser(email="admin@example.org", password="x" * 12)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    return user


def upload(client, name, content, **fields):
    data = {
        "title": name,
        "file": SimpleUploadedFile(name, content),
        "collection": Collection.get_first_root_node().pk,
        "access": Access.PUBLIC,
        "document_type": "report",
        **fields,
    }
    return client.post("/admin/documents/add/", data)


def edit(client, document, name=None, content=None, **fields):
    """Post the admin's edit form for `document`, with a new file when `name` is given."""
    data = {
        "title": document.title,
        "collection": document.collection_id,
        "access": document.access,
        "document_type": document.document_type,
        **fields,
    }
    if name:
        data["file"] = SimpleUploadedFile(name, content)
    return client.post(f"/admin/documents/edit/{document.pk}/", data)


def form_errors(response):
    return " ".join(node.get_text(" ", strip=True) for node in soup(response).select(".error-message, .help-critical"))


PROGRAM = b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", PROGRAM, "Этот файл является программой или сценарием"),
        ("report.pdf", b"<html>not a pdf</html>", "Содержимое этого файла не является документом .pdf"),
        ("report.docx", b"PK\x03\x04 a zip that is not Word", "Содержимое этого файла не является документом .docx"),
        ("report.exe", PROGRAM, "Расширение файлов “exe” не поддерживается"),
        ("report.pdf", pdf_bytes("big") + b"%" + b"x" * 4096, "Файл слишком большой"),
    ],
)
def test_bad_uploads_are_refused_in_the_users_language_and_nothing_is_stored(
    client, editor, settings, name, content, message
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 4096
    client.force_login(editor)
    documents, files = HubDocument.objects.count(), files_under(settings.PRIVATE_MEDIA_ROOT)
    response = upload(client, name, content)
    assert response.status_code == 200
    assert message in form_errors(response)
    assert HubDocument.objects.count() == documents
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == files


def test_a_good_upload_is_stored_under_a_safe_name_and_processed(
    client, editor, settings, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    files = set(files_under(settings.PRIVATE_MEDIA_ROOT))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "../../Отчёт 2026 (final)!.PDF", pdf_bytes("fine"), languages=["ru", "en"])
    assert response.status_code == 302
    document = HubDocument.objects.get(title="../../Отчёт 2026 (final)!.PDF")
    assert document.file.name == "documents/отчёт-2026-final.pdf"
    assert document.languages == "ru,en"
    assert "fine" in document.extracted_text and document.preview
    assert sorted(set(files_under(settings.PRIVATE_MEDIA_ROOT)) - files) == [
        "documents/отчёт-2026-final.pdf",
        f"previews/{document.pk}.webp",
    ]


def test_restricted_documents_need_a_group(client, editor):
    client.force_login(editor)
    response = upload(client, "data.pdf", pdf_bytes("x"), access=Access.RESTRICTED)
    assert "Выберите хотя бы одну группу" in form_errors(response)
    assert not HubDocument.objects.filter(title="data.pdf").exists()


@pytest.fixture
def full_disk(tmp_path, settings):
    """PRIVATE_MEDIA_ROOT on a real 64 KB tmpfs: writes past that fail with ENOSPC, as on a full disk."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mount_point = tmp_path / "full-disk"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], check=True)
    settings.PRIVATE_MEDIA_ROOT = mount_point
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def big_pdf(secret):
    return pdf_bytes(secret) + b"%" + os.urandom(150_000).hex().encode()[:150_000] + b"\n"


def test_an_upload_that_fills_the_disk_leaves_no_file_and_no_row(client, editor, full_disk):
    client.force_login(editor)
    response = upload(client, "huge.pdf", big_pdf("huge"))
    assert response.status_code == 200
    assert "Не удалось сохранить файл" in form_errors(response)
    assert not HubDocument.objects.filter(title="huge.pdf").exists()
    assert files_under(full_disk) == []  # no partial file, no hidden temporary file


def test_a_replacement_that_fills_the_disk_keeps_the_stored_document(client, editor, full_disk):
    kept = make_document("Agenda", "kept")
    original = (full_disk / kept.file.name).read_bytes()
    client.force_login(editor)
    response = edit(client, kept, "huge.pdf", big_pdf("huge"), title="Agenda (new)")
    assert response.status_code == 200
    assert "Не удалось сохранить файл" in form_errors(response)
    kept.refresh_from_db()
    assert kept.title == "Agenda" and (full_disk / kept.file.name).read_bytes() == original
    assert files_under(full_disk) == [kept.file.name]
    assert b"".join(client.get(kept.url).streaming_content) == original


def png_file(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), "#0a5aa8").save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        '<a href="javascript&#58;alert(1)"><rect width="5" height="5"/></a>',
        '<rect width="5" height="5"><set attributeName="onmouseover" to="alert(1)"/></rect>',
        '<use xlink:href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+"/>',
        '<rect width="5" height="5" onclick="alert(1)"/>',
        '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></body>'
        "</foreignObject>",
        '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
        '<image href="https://tracker.example/pixel.png" width="5" height="5"/>',
        '<style>@import url("https://evil.example/x.css");</style>',
        '<rect width="5" height="5" style="fill: url(https://evil.example/x)"/>',
        '<animate attributeName="href" to="javascript:alert(1)"/>',
    ],
)
def test_svg_images_with_active_or_external_content_are_refused(client, editor, body):
    client.force_login(editor)
    response = upload_image(client, "logo.svg", f"{SVG_OPEN}{body}</svg>".encode())
    assert "Этот SVG содержит сценарии" in form_errors(response)
    assert not get_image_model().objects.filter(title="logo.svg").exists()


def test_svg_with_entities_is_refused_and_a_plain_drawing_from_inkscape_is_accepted(client, editor):
    client.force_login(editor)
    billion_laughs = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    )
    assert form_errors(upload_image(client, "laughs.svg", billion_laughs))  # Wagtail or our check refuses it
    assert not svg_is_safe(billion_laughs)
    assert not get_image_model().objects.filter(title="laughs.svg").exists()
    drawing = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 40 40" '
        'inkscape:version="1.3"><sodipodi:namedview inkscape:zoom="2"/><title>LEG.TJ</title>'
        '<style>.a{fill:url(#g)}</style><defs><linearGradient id="g"><stop offset="0" stop-color="#0a5aa8"/>'
        '</linearGradient><path id="p" d="M0 0h40v40z"/></defs>'
        '<use xlink:href="#p" class="a"/><text x="2" y="30" font-size="12">Лига</text></svg>'
    ).encode()
    assert upload_image(client, "leg.svg", drawing).status_code == 302
    assert get_image_model().objects.filter(title="leg.svg").exists()


# Files that expand without limit, and text files as Excel saves them


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def peak_memory(action):
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_opendocument_zip_bomb_is_refused_without_expanding_it(client, editor):
    # 0.4 MB on disk, 400 MB once opened: the check used to read all of it into memory.
    bomb = zipped([("mimetype", b"\0" * 400 * 1024 * 1024), ("content.xml", b"<x/>")])
    assert len(bomb) < 500_000
    client.force_login(editor)
    response, peak = peak_memory(lambda: upload(client, "report.odt", bomb))
    assert "Этот файл при открытии занял бы гораздо больше места" in form_errors(response)
    assert not HubDocument.objects.filter(title="report.odt").exists()
    assert peak < 30 * 1024 * 1024


def test_text_extraction_reads_a_bounded_amount_of_a_many_part_document():
    # Thirty 4 MB parts (120 MB of XML): all are cut at 32 MB in total, streamed in flat memory.
    part = b'<w:document xmlns:w="w"><w:t>Kurultai</w:t>' + b"<w:p/>" * (4 * 1024 * 1024 // 6) + b"</w:document>"
    parts = [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", part)]
    parts += [(f"word/header{n}.xml", part) for n in range(1, 30)]
    text, peak = peak_memory(lambda: extract_text(io.BytesIO(zipped(parts)), "docx"))
    assert text.split()[0] == "Kurultai" and 1 < text.split().count("Kurultai") < 30
    assert peak < 60 * 1024 * 1024  # the compressed file itself (about 4 MB) and parser buffers


def test_a_csv_saved_by_excel_on_russian_windows_is_accepted_and_its_words_found(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    content = "Регион;Школы\nХатлон;120\nСогд;98\n".encode("cp1251")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "schools.csv", content)
    assert response.status_code == 302
    document = HubDocument.objects.get(title="schools.csv")
    assert "Хатлон" in document.extracted_text and "Школы" in document.extracted_text


# Images in restricted collections (wagtail#3880)


def test_images_in_a_restricted_collection_are_served_only_to_those_allowed(
    client, world, settings, django_capture_on_commit_callbacks
):
    documents, people = world
    assessment = documents["collection"].collection
    image = get_image_model().objects.create(title="Chart", collection=assessment, file=png_file("chart.png"))

    rendition = image.get_rendition("width-200|format-webp")
    assert rendition.url.startswith("/images/restricted/")
    assert not (settings.MEDIA_ROOT / rendition.file.name).exists()
    assert client.get(rendition.url).status_code == 404
    client.force_login(people["member"])
    assert client.get(rendition.url).status_code == 404
    client.force_login(people["reader"])
    response = client.get(rendition.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert "no-store" in response["Cache-Control"]

    # Lifting the restriction moves the image's renditions to the public store.
    with django_capture_on_commit_callbacks(execute=True):  # files are deleted once the change is committed
        CollectionViewRestriction.objects.filter(collection=assessment).delete()
    public = image.get_rendition("width-200|format-webp")
    assert public.url.startswith(settings.MEDIA_URL)
    assert (settings.MEDIA_ROOT / public.file.name).exists()
    assert not (settings.PRIVATE_MEDIA_ROOT / rendition.file.name).exists()


def test_public_images_are_served_as_media_without_their_originals(client, library, settings):
    image = get_image_model().objects.create(title="Photo", file=png_file("photo.png"))
    rendition = image.get_rendition("width-200")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert "sandbox" in response["Content-Security-Policy"]
    assert client.get(f"{settings.MEDIA_URL}{image.file.name}").status_code == 404


# Lists on other pages


def test_event_and_organisation_pages_list_only_the_documents_a_reader_may_see(client, demo):
    restricted = HubDocument.objects.get(title="Learning assessment results by region")
    agenda = HubDocument.objects.get(title="LEG quarterly meeting: agenda")
    reader = User.objects.create_user(email="reader@example.org")
    reader.groups.add(*restricted.groups.all())
    for path in ("/en/events/assessment-training/", "/ru/stakeholders/world-bank/"):
        assert restricted.title not in client.get(path).content.decode()
    assert agenda.title in client.get("/tg/events/leg-quarterly-meeting/").content.decode()
    client.force_login(reader)
    for path in ("/en/events/assessment-training/", "/ru/stakeholders/world-bank/"):
        assert restricted.title in client.get(path).content.decode()


def test_the_home_page_shows_the_latest_public_documents(client, demo):
    page = soup(client.get("/en/"))
    section = page.find("h2", string="Access Key Sector Documents").find_parent("section")
    titles = [a.get_text(strip=True) for a in section.select(".document-list h3 a")]
    assert titles == ["LEG quarterly meeting: agenda", "Education sector coordination: summary of priorities"]
    assert section.select_one(".actions a")["href"] == LIBRARY
    best_practice = soup(client.get("/en/knowledge-hub/best-practices/systems-approach-to-digital-learning/"))
    assert best_practice.select_one("#practice-documents") is None  # its document is for members
    client.force_login(User.objects.create_user(email="member@example.org"))
    best_practice = soup(client.get("/ru/knowledge-hub/best-practices/systems-approach-to-digital-learning/"))
    link = best_practice.select_one("#practice-documents ~ .document-list h3 a")
    assert link.get_text(strip=True) == "Обзор цифрового обучения в школах Таджикистана"
    assert link["lang"] == "ru"


def test_editors_of_one_collection_cannot_edit_another_collections_documents(client, world):
    documents, people = world
    client.force_login(people["other editor"])
    own = client.get(f"/admin/documents/edit/{documents['collection'].pk}/")
    assert own.status_code == 200
    other = client.get(f"/admin/documents/edit/{documents['public'].pk}/")
    assert other.status_code in (302, 403)
    listing = client.get("/admin/documents/").content.decode()
    assert documents["collection"].title in listing and documents["restricted"].title not in listing


def test_a_replaced_file_is_deleted_only_once_the_new_one_is_saved(
    client, editor, settings, django_capture_on_commit_callbacks
):
    document = make_document("Agenda", "first")
    old_name = document.file.name
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client, document, "second.pdf", pdf_bytes("second"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.file.name == "documents/second.pdf"
    assert not (settings.PRIVATE_MEDIA_ROOT / old_name).exists()
    assert b"".join(client.get(document.url).streaming_content) == pdf_bytes("second")
    assert "second" in document.extracted_text  # processed again for the new file


def test_with_object_storage_a_permitted_download_is_a_signed_url_that_expires_in_a_minute(settings):
    from types import SimpleNamespace
    from urllib.parse import parse_qs, urlsplit

    from storages.backends.s3 import S3Storage

    from hub.documents.media import _remote_redirect

    # Signing is computed locally: no bucket needs to exist for this.
    storage = S3Storage(
        bucket_name="legtj",
        endpoint_url="https://s3.example.org",
        region_name="eu-central-1",
        access_key="AKIDEXAMPLE",
        secret_key="secret",
        location="private",
        querystring_auth=True,
    )
    response = _remote_redirect(
        SimpleNamespace(storage=storage, name="documents/plan.pdf"),
        ResponseContentDisposition='attachment; filename="plan.pdf"',
    )
    url = urlsplit(response["Location"])
    query = parse_qs(url.query)
    assert url.netloc.startswith("s3.example.org") or url.netloc.startswith("legtj.")
    assert url.path.endswith("/private/documents/plan.pdf")
    assert query["X-Amz-Expires"] == [str(settings.PRIVATE_URL_EXPIRE_SECONDS)] == ["60"]
    assert "X-Amz-Signature" in query
    assert query["response-content-disposition"] == ['attachment; filename="plan.pdf"']


def test_files_parked_by_the_multiple_uploader_are_not_public(client, editor, settings):
    from wagtail.models import UploadedFile

    client.force_login(editor)
    response = client.post(
        "/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("minutes.pdf", pdf_bytes("parked"))}
    )
    assert response.json()["success"] is True
    parked = UploadedFile.objects.get()  # waiting for its type and access level
    assert parked.file.name.startswith("wagtail_uploads/")
    assert (settings.PRIVATE_MEDIA_ROOT / parked.file.name).exists()
    assert not (settings.MEDIA_ROOT / parked.file.name).exists()
    assert client.get(f"{settings.MEDIA_URL}{parked.file.name}").status_code == 404
    refused = client.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("x.pdf", PROGRAM)})
    assert refused.json() == {
        "success": False,
        "error_message": "Этот файл является программой или сценарием, их загружать нельзя. Выберите документ.",
    }


def test_editors_link_a_document_to_events_from_the_document_form(client, demo, django_capture_on_commit_callbacks):
    from hub.models import Event

    editor = User.objects.create_superuser(email="admin@example.org")
    client.force_login(editor)
    meeting = Event.objects.get(slug="leg-quarterly-meeting", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "Presentation.pdf", pdf_bytes("slides"), events=[meeting.pk])
    assert response.status_code == 302
    document = HubDocument.objects.get(title="Presentation.pdf")
    for language in ("en", "ru", "tg"):
        page = soup(client.get(f"/{language}/events/leg-quarterly-meeting/"))
        assert "Presentation.pdf" in [
            a.get_text(strip=True) for a in page.select("#event-documents ~ .document-list a")
        ]
    # Unticking it in the form takes it off the event in every language; other documents stay.
    form = soup(client.get(f"/admin/documents/edit/{document.pk}/"))
    assert form.select_one(f"input[name=events][value='{meeting.pk}']").has_attr("checked")
    edit(client, document)  # no event ticked
    remaining = set(Event.objects.get(pk=meeting.pk).documents.values_list("title", flat=True))
    assert remaining == {"LEG quarterly meeting: agenda"}
    page = soup(client.get("/ru/events/leg-quarterly-meeting/"))
    assert [a.get_text(strip=True) for a in page.select("#event-documents ~ .document-list a")] == [
        "LEG quarterly meeting: agenda"
    ]


def test_a_shared_password_collection_hides_its_documents_until_the_password_was_given(
    client, library, django_capture_on_commit_callbacks
):
    board = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.PASSWORD, password="leg-board-2026"
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("Board minutes", "wombatrix", collection=board)
    public = make_document("Open agenda", "quetzalcorn")

    # Search, the library and every download still work for everyone else.
    assert client.get("/en/search/", {"q": "quetzalcorn"}).status_code == 200
    assert public.title in client.get(LIBRARY).content.decode()
    assert client.get(public.url).status_code == 200
    hidden = [client.get(document.url), client.get(LIBRARY), client.get("/en/search/", {"q": "wombatrix"})]
    assert b"%PDF" not in hidden[0].content
    assert all(document.title not in response.content.decode() for response in hidden[1:])

    # The download asks for the password, in the reader's language, as Wagtail's own step does.
    form = soup(client.get(document.url, HTTP_ACCEPT_LANGUAGE="tg"))
    assert form.h1.get_text(strip=True) == "Парол лозим аст"
    action = form.select_one("form[method=post]")["action"]
    assert action == f"/documents/authenticate_with_password/{restriction.pk}/"
    wrong = client.post(action, {"password": "guess", "return_url": document.url}, HTTP_ACCEPT_LANGUAGE="ru")
    assert "Введённый пароль неверен" in wrong.content.decode()
    assert b"%PDF" not in client.get(document.url).content
    response = client.post(action, {"password": "leg-board-2026", "return_url": document.url})
    assert response.status_code == 302 and response["Location"] == document.url
    assert b"".join(client.get(document.url).streaming_content) == pdf_bytes("wombatrix")
    assert "private" in client.get(document.url)["Cache-Control"]
    assert document.title in client.get(LIBRARY).content.decode()


def test_a_restriction_put_on_a_collection_already_listed_hides_its_documents_on_the_next_request(
    client, library, django_capture_on_commit_callbacks
):
    drafts = Collection.get_first_root_node().add_child(name="Drafts")
    with django_capture_on_commit_callbacks(execute=True):
        make_document("Draft strategy", "plumwhistle", collection=drafts)
    assert "Draft strategy" in client.get(LIBRARY).text

    restriction = CollectionViewRestriction.objects.create(collection=drafts, restriction_type="login")
    assert "Draft strategy" not in client.get(LIBRARY).text
    restriction.delete()
    assert "Draft strategy" in client.get(LIBRARY).text
