import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.models import Membership, TenantModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("E-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("sbst_role", User.SbstRole.ADMINISTRATOR)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address.

    SBST staff carry their role here (consultant or administrator) and see every
    municipality; a municipality's people get their roles from `programmes.Membership`.
    """

    class SbstRole(models.TextChoices):
        NONE = "", _("Ingen (kommunal bruger)")
        CONSULTANT = "consultant", _("SBST-konsulent")
        ADMINISTRATOR = "administrator", _("SBST-administrator")

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("navn"), max_length=200, blank=True)
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    sbst_role = models.CharField(
        _("SBST-rolle"), max_length=20, choices=SbstRole.choices, default="", blank=True
    )
    is_staff = models.BooleanField(
        _("adgang til administration"),
        default=False,
        help_text=_("Må logge ind i Djangos administration."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    date_joined = models.DateTimeField(_("oprettet"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_sbst(self) -> bool:
        return self.sbst_role in (self.SbstRole.CONSULTANT, self.SbstRole.ADMINISTRATOR)

    @property
    def is_sbst_admin(self) -> bool:
        return self.sbst_role == self.SbstRole.ADMINISTRATOR


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """Return a fresh secret token and the hash that is stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


class SecretLink(models.Model):
    """The one pattern of a link that is its own credential (an invitation, the director's
    approval, a calendar feed): only the token's hash is stored, so a leaked database leaks
    no usable link; the link expires.

    `issue(...)` creates the row and returns the token to e-mail, once; `with_token(t)` finds
    it again. Subclasses add what "used" means for them.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("udløber"))

    class Meta:
        abstract = True

    @classmethod
    def issue(cls, *, valid_for, **fields):
        """Create a link valid for the `valid_for` timedelta; return it and its secret token."""
        token, token_hash = new_token()
        link = cls.objects.create(
            token_hash=token_hash, expires_at=timezone.now() + valid_for, **fields
        )
        return link, token

    @classmethod
    def with_token(cls, token: str, queryset=None):
        """The links (none or one) the token belongs to, looked up by its hash alone."""
        queryset = cls.objects.all() if queryset is None else queryset
        return queryset.filter(token_hash=hash_token(token))

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class Invitation(SecretLink, TenantModel):
    """An e-mailed, expiring, single-use invitation into a municipality with a role.

    Only the hash of the token is stored, so a leaked database does not leak usable links.
    An invitation to SBST has no municipality and is seen by SBST staff only.
    """

    tenant_parent = None

    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("navn"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "programmes.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="invitations",
        null=True,
        blank=True,
        help_text=_("Tom for en invitation til SBST."),
    )
    role = models.CharField(_("rolle"), max_length=30, choices=Membership.Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inviteret af"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    accepted_at = models.DateTimeField(_("taget imod"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["municipality", "-created_at"])]

    def __str__(self):
        return self.email

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None
