"""The programme's data: editions and their calendar, organisations, calls and applications, reviews,
juries and decisions, projects with their phases, budget and measured impact."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.storage import PrivateStorage as HomePrivateStorage

from .workflow import Stage

# --- Shared vocabularies ------------------------------------------------------------------------


class Phase(models.TextChoices):
    PRE_INCUBATION = "pre_incubation", _("Pré-incubation")
    INVESTIGATION = "investigation", _("Investigation")
    CONSTRUCTION = "construction", _("Construction")
    ACCELERATION = "acceleration", _("Accélération")
    CONSOLIDATION = "consolidation", _("Pérennisation")
    CLASSIC_PROJECT = "classic_project", _("Mode projet classique")
    STOPPED = "stopped", _("Arrêt")


class Track(models.TextChoices):
    """A decision jury's follow-up for a project."""

    TERRITORY_STARTUP = "territory_startup", _("Startup de territoire")
    INTERNAL_STARTUP = "internal_startup", _("Startup interne")
    INTERNAL_INCUBATOR = "internal_incubator", _("Incubateur interne")
    EXTENDED_INVESTIGATION = "extended_investigation", _("Investigation prolongée")
    CLASSIC_PROJECT = "classic_project", _("Mode projet classique")
    STOP = "stop", _("Arrêt")


# --- Organisations and editions -----------------------------------------------------------------


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    is_sponsor = models.BooleanField(
        _("commanditaire"), default=False, help_text=_("Direction ou service qui porte un projet.")
    )
    is_partner = models.BooleanField(_("partenaire"), default=False)
    url = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("is_sponsor"), FieldPanel("is_partner")]),
        FieldPanel("url"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Edition(ClusterableModel):
    """One cohort of the programme: its call, calendar, budget, reviewers and criteria."""

    year = models.PositiveSmallIntegerField(_("année"), unique=True)
    name = models.CharField(_("nom"), max_length=120)
    summary = models.TextField(_("résumé"), blank=True)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="programme_editions_reviewed",
        verbose_name=_("évaluateurs"),
        help_text=_("Personnes qui notent les candidatures de cette édition."),
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("name")]),
        FieldPanel("summary"),
        InlinePanel("events", heading=_("Calendrier"), label=_("étape")),
        InlinePanel("envelopes", heading=_("Enveloppes budgétaires"), label=_("enveloppe")),
        InlinePanel("criteria", heading=_("Critères d'évaluation"), label=_("critère")),
        FieldPanel("reviewers"),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        permissions = [
            ("manage_programme", _("Gérer le programme : candidatures, jurys, projets (équipe du programme)"))
        ]

    def __str__(self):
        return self.name


class EditionEvent(Orderable):
    class Kind(models.TextChoices):
        CALL = "call", _("Appel à candidatures")
        HACKATHON = "hackathon", _("Hackathon")
        SELECTION_JURY = "selection_jury", _("Jury de sélection")
        PRE_INCUBATION = "pre_incubation", _("Pré-incubation")
        DECISION_JURY = "decision_jury", _("Jury de décision")
        OTHER = "other", _("Autre")

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    label = models.CharField(_("libellé"), max_length=200)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("date de fin"), null=True, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("label"), FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")])]

    class Meta(Orderable.Meta):
        verbose_name = _("étape du calendrier")
        verbose_name_plural = _("calendrier")

    def __str__(self):
        return f"{self.label} ({self.starts_on:%d/%m/%Y})"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La date de fin précède la date de début.")})


class BudgetEnvelope(Orderable):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="envelopes")
    label = models.CharField(_("libellé"), max_length=200)
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    amount_max = models.DecimalField(
        _("montant maximal (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Pour une fourchette (par exemple 50 000 à 100 000 €)."),
    )
    period = models.CharField(_("période"), max_length=60, blank=True, help_text=_("Par exemple « par semestre »."))
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="envelopes",
        verbose_name=_("partenaire"),
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("amount_max")]),
        FieldPanel("period"),
        FieldPanel("partner"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("enveloppe budgétaire")
        verbose_name_plural = _("enveloppes budgétaires")

    def __str__(self):
        return f"{self.edition} – {self.label}"

    def clean(self):
        if self.amount_max is not None and self.amount is not None and self.amount_max < self.amount:
            raise ValidationError({"amount_max": _("Le montant maximal est inférieur au montant.")})


class Criterion(Orderable):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("critère"), max_length=120)
    description = models.CharField(_("description"), max_length=255, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("poids"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("weight")]

    class Meta(Orderable.Meta):
        verbose_name = _("critère d'évaluation")
        verbose_name_plural = _("critères d'évaluation")

    def __str__(self):
        return f"{self.name} (×{self.weight})"


# --- Pages --------------------------------------------------------------------------------------


class ProgrammePage(Page):
    """/programme/: the aim, the editions, the budget, the partners and the projects by phase."""

    aim = RichTextField(_("objectif du programme"))
    body = RichTextField(_("présentation"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("aim"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("aim"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programme.CallPage", "programme.ProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = _("page du programme")
        verbose_name_plural = _("pages du programme")

    def get_context(self, request, *args, **kwargs):
        from .dashboard import programme_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(programme_overview(self))
        return context


class PrivateStorage(HomePrivateStorage):
    """Applications' attachments live outside MEDIA_ROOT: only the team's download view serves them."""

    setting_name = "PROGRAMME_FILES_ROOT"


def private_storage():
    return PrivateStorage()


FILE_FIELD = "file"
CALL_FIELD_CHOICES = tuple(FORM_FIELD_CHOICES) + ((FILE_FIELD, _("Fichier joint (PDF, ODT, DOCX, PNG, JPEG)")),)


class CallFormField(AbstractFormField):
    page = ParentalKey("programme.CallPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("type de champ"), max_length=16, choices=CALL_FIELD_CHOICES)

    class Meta(AbstractFormField.Meta):
        verbose_name = _("champ du formulaire")
        verbose_name_plural = _("champs du formulaire")

    def __str__(self):
        return self.label


class CallPage(AbstractEmailForm):
    """A call for applications: a form built by editors, open between two dates."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="calls", verbose_name=_("édition"))
    intro = RichTextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    consent_text = models.TextField(
        _("texte du consentement RGPD"),
        default=_(
            "J'accepte que la Région Hauts-de-France traite les données de ce formulaire pour instruire "
            "ma candidature au programme d'intrapreneuriat. Seule l'équipe du programme y a accès ; "
            "ma hiérarchie n'en est pas informée. Les données sont conservées deux ans."
        ),
    )
    confirmation_text = models.TextField(
        _("message de confirmation (e-mail)"),
        default=_("Nous avons bien reçu votre candidature. L'équipe du programme vous répondra après la clôture."),
    )
    thank_you_text = RichTextField(_("message après envoi"), blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("champs du formulaire")),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("confirmation_text"),
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mails"),
        ),
    ]
    parent_page_types = ["programme.ProgrammePage"]
    subpage_types = []
    template = "programme/call_page.html"
    landing_page_template = "programme/call_page_landing.html"

    class Meta:
        verbose_name = _("appel à candidatures")
        verbose_name_plural = _("appels à candidatures")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("La clôture doit suivre l'ouverture.")})

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def status(self, moment=None):
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return "upcoming"
        return "open" if moment < self.closes_at else "closed"

    # Wagtail's form machinery, routed through programme.calls so that the rule lives in one place.
    @property
    def form_builder(self):
        from .calls import CallFormBuilder

        return CallFormBuilder

    def get_form(self, *args, **kwargs):
        kwargs.setdefault("consent_text", self.consent_text)
        return super().get_form(*args, **kwargs)

    def get_submissions(self):
        # Applications replace Wagtail's submissions (none is ever stored): page editors read nothing.
        return super().get_submissions().none()

    def serve(self, request, *args, **kwargs):
        from .calls import serve_call

        return serve_call(self, request, *args, **kwargs)

    def process_form_submission(self, form):
        from .calls import create_application

        return create_application(self, form)


class ProjectPageForm(WagtailAdminPageForm):
    """Checks the phase history as typed, before anything is saved. A tranche may only name a
    published decision on this very project: page editors must not read unpublished decisions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("tranches")
        if formset is not None:
            decisions = JuryDecision.objects.published().filter(project_id=self.instance.pk or 0)
            # The formset builds its blank template form from its class: narrow the class too.
            narrowed = type(formset.form.__name__, (formset.form,), {})
            narrowed.base_fields = copy.deepcopy(formset.form.base_fields)  # set after the metaclass ran
            narrowed.base_fields["decision"].queryset = decisions
            formset.form = narrowed
            for form in formset.forms:
                form.fields["decision"].queryset = decisions

    def clean(self):
        from .phases import validate_phase_history

        cleaned = super().clean()
        formset = self.formsets.get("phases")
        if formset is not None and all(form.is_valid() for form in formset.forms):
            rows = [
                (form.cleaned_data.get("phase"), form.cleaned_data.get("started_on"))
                for form in sorted(formset.forms, key=lambda f: f.cleaned_data.get("ORDER") or 0)
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                validate_phase_history(rows)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class ProjectPage(Page):
    """A project of the programme: what it solves, for whom, what it learnt, where it stands."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="projects", verbose_name=_("édition"))
    application = models.OneToOneField(
        "programme.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project",
        verbose_name=_("candidature d'origine"),
    )
    tagline = models.CharField(_("accroche"), max_length=255, blank=True)
    problem = RichTextField(_("problème"))
    target_users = RichTextField(_("usagers"), blank=True)
    hypotheses = RichTextField(_("hypothèses"), blank=True)
    learnings = RichTextField(_("enseignements"), blank=True)
    next_steps = RichTextField(_("prochaines étapes"), blank=True)
    sponsor = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_projects",
        verbose_name=_("commanditaire"),
    )
    product_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page du produit sur ce site"),
    )
    product_path = models.CharField(
        _("adresse du produit sur ce site"),
        max_length=200,
        blank=True,
        help_text=_("Pour un produit qui n'est pas une page (par exemple /belette/). Commence par /."),
    )
    product_label = models.CharField(_("nom du produit"), max_length=120, blank=True)

    base_form_class = ProjectPageForm
    content_panels = Page.content_panels + [
        # No chooser for `application`: its list would show confidential titles to page editors.
        FieldPanel("edition"),
        FieldPanel("tagline"),
        FieldPanel("sponsor"),
        FieldPanel("problem"),
        FieldPanel("target_users"),
        FieldPanel("hypotheses"),
        FieldPanel("learnings"),
        FieldPanel("next_steps"),
        InlinePanel("team_members", heading=_("Équipe"), label=_("membre")),
        InlinePanel("phases", heading=_("Historique des phases"), label=_("phase")),
        MultiFieldPanel(
            [FieldPanel("product_label"), FieldPanel("product_page"), FieldPanel("product_path")], heading=_("Produit")
        ),
        InlinePanel("tranches", heading=_("Tranches budgétaires"), label=_("tranche")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("tagline"),
        index.SearchField("problem"),
        index.SearchField("target_users"),
        index.SearchField("learnings"),
    ]
    parent_page_types = ["programme.ProgrammePage"]
    subpage_types = []
    template = "programme/project_page.html"

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")

    def clean(self):
        from .phases import validate_phase_history

        super().clean()
        if self.product_path and not self.product_path.startswith("/"):
            raise ValidationError({"product_path": _("L'adresse doit commencer par / (un chemin de ce site).")})
        validate_phase_history([(p.phase, p.started_on) for p in self.phases.all()])

    @cached_property
    def current_phase(self):
        phases = sorted(self.phases.all(), key=lambda p: (p.started_on, p.sort_order or 0))
        return phases[-1] if phases else None

    @property
    def product_url(self):
        if self.product_page_id:
            return self.product_page.url
        return self.product_path or ""

    def get_context(self, request, *args, **kwargs):
        from .impact import project_impact

        context = super().get_context(request, *args, **kwargs)
        context["decisions"] = (
            JuryDecision.objects.published()
            .filter(project=self)
            .select_related("session", "owner")
            .order_by("session__date")
        )
        context["indicators"] = project_impact(self)
        context["tranches"] = self.tranches.select_related("decision__session", "envelope")
        return context


class ProjectPhase(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    started_on = models.DateField(_("début"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("phase"), FieldPanel("started_on")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("historique des phases")

    def __str__(self):
        return f"{self.get_phase_display()} ({self.started_on:%d/%m/%Y})"


class TeamMember(Orderable):
    class Gender(models.TextChoices):
        WOMAN = "woman", _("Femme")
        MAN = "man", _("Homme")
        OTHER = "other", _("Autre")

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="team_members")
    name = models.CharField(_("nom"), max_length=120)
    role = models.CharField(_("rôle"), max_length=120, blank=True)
    is_intrapreneur = models.BooleanField(_("intrapreneur·e"), default=True)
    gender = models.CharField(
        _("genre (facultatif)"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Seulement si la personne l'a indiqué : sert aux statistiques."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("is_intrapreneur"), FieldPanel("gender")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("membre de l'équipe")
        verbose_name_plural = _("équipe")

    def __str__(self):
        return self.name


class BudgetTranche(Orderable):
    """Money committed to a project, always opened by a jury decision."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="tranches")
    decision = models.ForeignKey(
        "programme.JuryDecision",
        on_delete=models.PROTECT,
        related_name="tranches",
        verbose_name=_("décision qui l'a ouverte"),
    )
    envelope = models.ForeignKey(
        BudgetEnvelope,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tranches",
        verbose_name=_("enveloppe"),
    )
    label = models.CharField(_("libellé"), max_length=200)
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))

    panels = [
        FieldPanel("decision"),
        FieldPanel("envelope"),
        FieldPanel("label"),
        FieldPanel("amount"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("tranche budgétaire")
        verbose_name_plural = _("tranches budgétaires")

    def __str__(self):
        return f"{self.label} – {self.amount} €"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La fin précède le début.")})
        if self.decision_id and self.page_id and self.decision.project_id != self.page_id:
            raise ValidationError({"decision": _("Cette décision concerne un autre projet.")})


# --- Applications and their review --------------------------------------------------------------


class Application(models.Model):
    """One submission to a call, with the form as it was when submitted (labels and answers)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="applications", verbose_name=_("édition")
    )
    call = models.ForeignKey(
        CallPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="applications", verbose_name=_("appel")
    )
    title = models.CharField(_("titre du projet"), max_length=255)
    applicant_name = models.CharField(_("candidat·e"), max_length=200, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    answers = models.JSONField(
        _("réponses"), default=list, blank=True, help_text=_("Liste de {name, label, type, value} telle qu'envoyée.")
    )
    stage = models.CharField(_("étape"), max_length=20, choices=Stage.choices, default=Stage.SUBMITTED, db_index=True)
    consent_given_at = models.DateTimeField(_("consentement RGPD donné le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")

    def __str__(self):
        return f"{self.reference} – {self.title}"

    @property
    def reference(self):
        return f"{self.edition.year}-{self.pk:04d}" if self.pk else "—"


def attachment_path(instance, filename):
    from uuid import uuid4

    return f"{instance.application.edition.year}/{uuid4().hex}/{filename}"


class ApplicationFile(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    field_name = models.CharField(_("champ"), max_length=255)
    label = models.CharField(_("libellé"), max_length=255)
    file = models.FileField(_("fichier"), upload_to=attachment_path, storage=private_storage, max_length=300)
    original_name = models.CharField(_("nom d'origine"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("taille (octets)"))

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self):
        return self.original_name


class StageChange(models.Model):
    """The log of the pipeline: who moved an application, when, from where to where, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_changes")
    source = models.CharField(_("de"), max_length=20, choices=Stage.choices)
    target = models.CharField(_("vers"), max_length=20, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("par")
    )
    at = models.DateTimeField(_("le"), default=timezone.now)
    reason = models.TextField(_("raison"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("changement d'étape")
        verbose_name_plural = _("changements d'étape")

    def __str__(self):
        return f"{self.application_id}: {self.get_source_display()} → {self.get_target_display()}"


class ConflictOfInterest(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("évaluateur")
    )
    reason = models.CharField(_("nature du lien"), max_length=255)
    declared_at = models.DateTimeField(_("déclaré le"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="programme_one_conflict")]
        verbose_name = _("conflit d'intérêts")
        verbose_name_plural = _("conflits d'intérêts")

    def __str__(self):
        return f"{self.reviewer} / {self.application_id}"


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("évaluateur")
    )
    comment = models.TextField(_("commentaire"), blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="programme_one_review")]
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")

    def __str__(self):
        return f"{self.reviewer} / {self.application_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    # None means "not applicable": left out of the weighted average, not counted as zero.
    value = models.PositiveSmallIntegerField(_("note"), null=True, blank=True, validators=[MaxValueValidator(5)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="programme_one_score_per_criterion"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__lte=5), name="programme_score_0_5"),
        ]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self.criterion.name}: {'N/A' if self.value is None else self.value}"


# --- Juries and decisions -----------------------------------------------------------------------


class JurySession(models.Model):
    class Kind(models.TextChoices):
        SELECTION = "selection", _("Jury de sélection")
        DECISION = "decision", _("Jury de décision")

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="jury_sessions", verbose_name=_("édition")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.DECISION)
    date = models.DateField(_("date"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="programme_juries", verbose_name=_("membres")
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), default=3, help_text=_("Nombre de membres nécessaire pour publier.")
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publiée par"),
    )

    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("members"),
        FieldPanel("quorum"),
    ]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("session de jury")
        verbose_name_plural = _("sessions de jury")

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"

    @property
    def is_published(self):
        return self.published_at is not None


class JuryDecisionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(session__published_at__isnull=False)


class JuryDecision(models.Model):
    """A jury's decision on a project, recorded beforehand and made public with its whole session."""

    session = models.ForeignKey(
        JurySession, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("session")
    )
    project = models.ForeignKey(
        ProjectPage, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("projet")
    )
    track = models.CharField(_("suite donnée"), max_length=30, choices=Track.choices)
    justification = models.TextField(_("justification"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="programme_decisions",
        verbose_name=_("responsable du suivi"),
    )
    next_review_on = models.DateField(_("prochaine revue"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("saisie par")
    )
    recorded_at = models.DateTimeField(_("saisie le"), default=timezone.now)

    objects = JuryDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["session__date", "project__title"]
        constraints = [
            models.UniqueConstraint(fields=["session", "project"], name="programme_one_decision_per_session"),
            models.CheckConstraint(condition=~Q(justification=""), name="programme_decision_justified"),
        ]
        verbose_name = _("décision du jury")
        verbose_name_plural = _("décisions du jury")

    def __str__(self):
        return f"{self.project.title} : {self.get_track_display()}"

    def clean(self):
        if not (self.justification or "").strip():
            raise ValidationError({"justification": _("Une décision doit être justifiée par écrit.")})


class ProjectReview(models.Model):
    """A dated review of a project (every six months after a decision), with its reminder."""

    project = models.ForeignKey(ProjectPage, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("projet"))
    decision = models.ForeignKey(
        JuryDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("décision"),
    )
    due_on = models.DateField(_("date prévue"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="programme_reviews",
        verbose_name=_("responsable"),
    )
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    held_on = models.DateField(_("tenue le"), null=True, blank=True)
    notes = models.TextField(_("compte rendu"), blank=True)

    panels = [
        FieldPanel("project"),
        FieldPanel("due_on"),
        FieldPanel("owner"),
        FieldPanel("held_on"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["project", "due_on"], name="programme_one_review_per_day")]
        verbose_name = _("revue de projet")
        verbose_name_plural = _("revues de projet")

    def __str__(self):
        return f"{self.project.title} – {self.due_on:%d/%m/%Y}"


# --- Impact -------------------------------------------------------------------------------------


class Indicator(ClusterableModel):
    class Direction(models.TextChoices):
        UP = "up", _("plus c'est haut, mieux c'est")
        DOWN = "down", _("plus c'est bas, mieux c'est")

    project = models.ForeignKey(
        ProjectPage, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("projet")
    )
    name = models.CharField(_("nom"), max_length=160)
    unit = models.CharField(_("unité"), max_length=40)
    direction = models.CharField(
        _("sens d'amélioration"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    target = models.DecimalField(_("cible"), max_digits=14, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("définition"), blank=True)

    panels = [
        FieldPanel("project"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction"), FieldPanel("target")]),
        FieldPanel("description"),
        InlinePanel("measurements", heading=_("Mesures"), label=_("mesure")),
    ]

    class Meta:
        ordering = ["project__title", "name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="programme_indicator_unique_name")]
        verbose_name = _("indicateur d'impact")
        verbose_name_plural = _("indicateurs d'impact")

    def __str__(self):
        return f"{self.name} ({self.unit})"


class Measurement(Orderable):
    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    is_demo = models.BooleanField(
        _("chiffre de démonstration"), default=False, help_text=_("Valeur fictive, affichée comme telle.")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("measured_on"), FieldPanel("value")]),
        FieldPanel("source"),
        FieldPanel("is_demo"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["measured_on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"], name="programme_one_measurement_per_day")
        ]
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")

    def __str__(self):
        return f"{self.indicator.name} {self.measured_on}: {self.value}"
