"""The five roles, as Wagtail groups with the permissions each needs and no more.

`ensure_roles` runs after every `migrate` (and as `manage.py ensure_roles`):
it sets each role's permissions to exactly this definition, so a role never
keeps a permission someone added by hand and forgot.
"""

from django.apps import apps
from django.conf import settings
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
# The projects registry: projects and the exchange rates their dollar amounts use.
PROJECT_MODELS = ("project", "exchangerate")
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
    return {
        MEMBERS: (Permission.objects.none(), [], [], []),
        EDITORS: (
            access | _model_permissions(EDIT, SNIPPET_MODELS) | _model_permissions(EDIT, PROJECT_MODELS, "projects"),
            ["add_page", "change_page"],
            [],
            MEDIA_EDIT,
        ),
        MODERATORS: (
            access
            | _model_permissions((*EDIT, "delete"), SNIPPET_MODELS)
            | _model_permissions((*EDIT, "delete"), PROJECT_MODELS, "projects")
            | _model_permissions(("change", "view"), ("proposedupdate",), "projects")
            | _perm("translations", "publish_translation"),
            ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
            [],
            (*MEDIA_EDIT, "delete"),
        ),
        TRANSLATORS: (
            access
            | _perm("wagtail_localize", "submit_translation")
            | _model_permissions(("change", "view"), SNIPPET_MODELS)
            | _model_permissions(("change", "view"), ("project",), "projects"),
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


def _sync(model, group, target, wanted):
    """Make `group`'s `model` rows exactly the (target id, permission id) pairs in `wanted`."""
    rows = model.objects.filter(group=group)
    existing = {(getattr(row, target), row.permission_id): row.pk for row in rows}
    rows.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted]).delete()
    model.objects.bulk_create(
        [model(group=group, permission_id=permission, **{target: pk}) for pk, permission in wanted - existing.keys()]
    )


def ensure_roles():
    # After a flush (tests) there are no root page, collection or locales yet: the groups and
    # their model permissions are set anyway, the rest when the trees exist (demo load, next migrate).
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    default_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    translated_roots = list(Page.objects.filter(depth=2).exclude(locale=default_locale)) if default_locale else []
    page_permissions = dict(
        Permission.objects.filter(content_type__app_label="wagtailcore").values_list("codename", "pk")
    )
    for name, (permissions, page_codenames, translated_codenames, media_actions) in definitions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        wanted_pages = {(root_page.pk, page_permissions[c]) for c in page_codenames} if root_page else set()
        wanted_pages |= {(page.pk, page_permissions[c]) for page in translated_roots for c in translated_codenames}
        _sync(GroupPagePermission, group, "page_id", wanted_pages)
        _sync(
            GroupCollectionPermission,
            group,
            "collection_id",
            {(root_collection.pk, permission.pk) for permission in _media(media_actions)} if root_collection else set(),
        )


def after_migrate(sender, **kwargs):
    # Every app's permissions exist only once the last app has migrated.
    if sender.name == list(apps.get_app_configs())[-1].name:
        ensure_roles()
