from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: partner staff, editors, translators, administrators.

    The email address is the identifier because sign-in is by emailed code or
    OAuth; there is no user name to remember.
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    organisation = models.ForeignKey(
        "hub.Stakeholder",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The partner organisation this person works for."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the site and of the emails this person receives."),
    )

    # Service emails about what the member signed up for themselves; each can be switched off in one click.
    event_emails = models.BooleanField(
        _("event updates"),
        default=True,
        help_text=_("Changes, postponements and cancellations of events you registered for, and reminders."),
    )
    reminder_emails = models.BooleanField(
        _("action item reminders"),
        default=True,
        help_text=_("A reminder before your organisation's action items are due."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def organisation_key(self):
        """The organisation in every language: action items and content name any language's version."""
        return self.organisation.translation_key if self.organisation_id else None


class SignIn(models.Model):
    """One successful sign-in: the audit trail administrators read when something looks wrong."""

    class Method(models.TextChoices):
        CODE = "code", _("Emailed code")
        SOCIAL = "socialaccount", _("Identity provider")
        OTHER = "other", _("Other")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_ins")
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    provider = models.CharField(_("provider"), max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")

    def __str__(self):
        return f"{self.user} · {self.at:%Y-%m-%d %H:%M} · {self.get_method_display()}"
