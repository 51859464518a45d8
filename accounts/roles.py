"""The five roles, as Wagtail groups with the permissions each needs and no more.

`ensure_roles` runs after every `migrate` (and as `manage.py ensure_roles`):
it sets each role's permissions to exactly this definition, so a role never
keeps a permission someone added by hand and forgot.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page

MEMBERS, EDITORS, MODERATORS, TRANSLATORS, ADMINISTRATORS = (
    "Members",
    "Editors",
    "Moderators",
    "Translators",
    "Administrators",
)
ROLE_NAMES = [MEMBERS, EDITORS, MODERATORS, TRANSLATORS, ADMINISTRATORS]

# Hub content kept as snippets: the directory, events and their follow-up, vocabularies.
SNIPPET_MODELS = (
    *("stakeholder", "event", "actionitem", "eventregistration"),
    *("actiontrack", "country", "areaofwork", "region"),
)
EDIT = ("add", "change", "view")
MEDIA_EDIT = ("add", "change", "choose")


def _model_permissions(actions, models, app_label="hub"):
    query = Q(pk__in=[])
    for model in models:
        query |= Q(content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions])
    return Permission.objects.filter(query)


def _perm(app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def _media(actions):
    return Permission.objects.filter(
        Q(content_type__app_label="wagtaildocs", codename__in=[f"{a}_document" for a in actions])
        | Q(content_type__app_label="wagtailimages", codename__in=[f"{a}_image" for a in actions])
    )


def definitions():
    """{role: (model permissions, page permission codenames on the root, on translated roots, media actions)}."""
    access = _perm("wagtailadmin", "access_admin")
    snippets = [name for name in SNIPPET_MODELS if apps.get_containing_app_config("hub").models.get(name)]
    return {
        MEMBERS: (Permission.objects.none(), [], [], []),
        EDITORS: (
            access | _model_permissions(EDIT, snippets),
            ["add_page", "change_page"],
            [],
            MEDIA_EDIT,
        ),
        MODERATORS: (
            access | _model_permissions((*EDIT, "delete"), snippets),
            ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
            [],
            (*MEDIA_EDIT, "delete"),
        ),
        TRANSLATORS: (
            access | _perm("wagtail_localize", "submit_translation") | _model_permissions(("change", "view"), snippets),
            [],
            ["change_page"],
            ["choose"],
        ),
        ADMINISTRATORS: (
            Permission.objects.exclude(content_type__app_label__in=["sessions", "contenttypes"]),
            ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
            [],
            (*MEDIA_EDIT, "delete"),
        ),
    }


def ensure_roles():
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    default_locale = Locale.get_default() if Locale.objects.exists() else None
    translated_roots = (
        list(Page.objects.filter(depth=2).exclude(locale=default_locale)) if default_locale is not None else []
    )
    for name, (permissions, page_codenames, translated_codenames, media_actions) in definitions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        wanted_pages = {(root_page.pk, c) for c in page_codenames} if root_page else set()
        wanted_pages |= {(page.pk, c) for page in translated_roots for c in translated_codenames}
        GroupPagePermission.objects.filter(group=group).exclude(
            pk__in=[
                p.pk
                for p in GroupPagePermission.objects.filter(group=group).select_related("permission")
                if (p.page_id, p.permission.codename) in wanted_pages
            ]
        ).delete()
        for page_id, codename in wanted_pages:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=page_id,
                permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
            )
        wanted_media = set(_media(media_actions)) if root_collection else set()
        GroupCollectionPermission.objects.filter(group=group).exclude(permission__in=wanted_media).delete()
        for permission in wanted_media:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def after_migrate(sender, **kwargs):
    # Every app's permissions exist only once the last app has migrated.
    if sender.name == list(apps.get_app_configs())[-1].name:
        ensure_roles()
