"""Reference data the administrator edits: squads (pasukan), agencies (OPD) and labels (categories)."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #e91e63."))


class CodeManager(models.Manager):
    """Fixtures refer to reference rows by their code (natural keys), never by database id."""

    def get_by_natural_key(self, code: str):
        return self.get(code=code)


class Squad(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=60)
    colour = models.CharField(_("colour"), max_length=7, validators=[hex_colour])
    domain = models.CharField(_("domain"), max_length=250)
    covert = models.BooleanField(
        _("covert"), default=False, help_text=_("Its reports are confidential: never public, reporter protected.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    opds = models.ManyToManyField(
        "Opd",
        blank=True,
        related_name="squads",
        verbose_name=_("lead OPDs"),
        help_text=_("The agencies whose officers form this squad."),
    )

    objects = CodeManager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("squad (pasukan)")
        verbose_name_plural = _("squads (pasukan)")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Opd(models.Model):
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]+$", _("Capital letters and digits only, e.g. PUPR."))],
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail for notifications"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = CodeManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("agency (OPD)")
        verbose_name_plural = _("agencies (OPD)")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Category(models.Model):
    """A label a citizen picks ("Jalan rusak"). Targets are working days (PRODUCT.md, "The clocks")."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=250, blank=True)
    squad = models.ForeignKey(Squad, on_delete=models.PROTECT, related_name="categories", verbose_name=_("squad"))
    default_opd = models.ForeignKey(
        Opd, on_delete=models.PROTECT, related_name="default_categories", verbose_name=_("default OPD")
    )
    icon = models.CharField(_("icon"), max_length=40, help_text=_("Icon name (Font Awesome 6, solid), e.g. road."))
    confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Never on the public map; handled by the covert squad only.")
    )
    verification_target_days = models.PositiveSmallIntegerField(
        _("verification target (working days)"), default=1, validators=[MinValueValidator(1)]
    )
    response_target_days = models.PositiveSmallIntegerField(
        _("first response target (working days)"), default=2, validators=[MinValueValidator(1)]
    )
    resolution_target_days = models.PositiveSmallIntegerField(
        _("resolution target (working days)"), default=5, validators=[MinValueValidator(1)]
    )
    public_precision_m = models.PositiveIntegerField(
        _("public map precision (m)"),
        default=0,
        help_text=_(
            "0: exact. Otherwise the public map shows the point rounded to a grid of this size (sensitive labels)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CodeManager()

    class Meta:
        ordering = ["squad__order", "order", "code"]
        verbose_name = _("label (category)")
        verbose_name_plural = _("labels (categories)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(response_target_days__lte=models.F("resolution_target_days")),
                name="category_response_within_resolution",
                violation_error_message=_("The first response target cannot be longer than the resolution target."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)
