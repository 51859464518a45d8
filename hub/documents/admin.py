"""The admin's choosers offer only what the person may see on the site or edit in the admin.

Wagtail's "choose" permission lets translators pick any document or image in
the root collection, which would list the titles of restricted ones; here
the choosers apply the library's own rule (hub.documents.access).
"""

from wagtail import hooks

from .access import visible_documents, visible_images


@hooks.register("construct_document_chooser_queryset")
def documents_this_person_may_see(documents, request):
    return visible_documents(request, documents)


@hooks.register("construct_image_chooser_queryset")
def images_this_person_may_see(images, request):
    return visible_images(request, images)
