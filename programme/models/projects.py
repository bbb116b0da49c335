"""Projects of the programme: their page, team, phase history and the budget tranches opened for them.
A project page shows its impact charts from programme.impact, which reads `indicators`, not this module."""

import copy
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.links import is_safe_link, validate_link

from .. import impact
from ..phases import validate_phase_history
from .editions import BudgetEnvelope, Edition, Organisation
from .juries import JuryDecision


class Phase(models.TextChoices):
    PRE_INCUBATION = "pre_incubation", _("Pré-incubation")
    INVESTIGATION = "investigation", _("Investigation")
    CONSTRUCTION = "construction", _("Construction")
    ACCELERATION = "acceleration", _("Accélération")
    CONSOLIDATION = "consolidation", _("Pérennisation")
    CLASSIC_PROJECT = "classic_project", _("Mode projet classique")
    STOPPED = "stopped", _("Arrêt")


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
        self.check_tranches(cleaned.get("edition"))
        return cleaned

    def check_tranches(self, edition):
        """Each tranche draws on an envelope of the project's edition, within what the envelope has left
        (its maximum, less what other projects' tranches and the other rows here commit), unless the
        team ticks « dépassement confirmé » — which the public page then shows."""
        formset = self.formsets.get("tranches")
        if formset is None or edition is None or not all(form.is_valid() for form in formset.forms):
            return
        rows = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("envelope")
        ]
        committed = {}
        others = BudgetTranche.objects.filter(envelope__in=[form.cleaned_data["envelope"] for form in rows])
        for envelope_id, amount in others.exclude(page_id=self.instance.pk or 0).values_list("envelope", "amount"):
            committed[envelope_id] = committed.get(envelope_id, Decimal(0)) + amount
        for form in rows:
            envelope, amount = form.cleaned_data["envelope"], form.cleaned_data.get("amount") or Decimal(0)
            if envelope.edition_id != edition.pk:
                form.add_error("envelope", _("Cette enveloppe appartient à une autre édition que le projet."))
                continue
            ceiling = envelope.amount_max or envelope.amount
            remaining = ceiling - committed.get(envelope.pk, Decimal(0))
            committed[envelope.pk] = committed.get(envelope.pk, Decimal(0)) + amount
            if amount > remaining and not form.cleaned_data.get("overrun_confirmed"):
                form.add_error(
                    "amount",
                    _(
                        "L'enveloppe « %(envelope)s » n'a plus que %(remaining)s € : cochez « dépassement "
                        "confirmé » pour engager quand même ce montant (ce sera indiqué sur la page publique)."
                    )
                    % {"envelope": envelope.label, "remaining": f"{max(remaining, Decimal(0)):,.0f}".replace(",", " ")},
                )


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
        validators=[validate_link],
    )
    product_label = models.CharField(_("nom du produit"), max_length=120, blank=True)
    # Set by the demo only: the page then says which parts are illustrative, never shown otherwise.
    demo_example = models.BooleanField(
        _("exemple de démonstration"),
        default=False,
        help_text=_("Affiche « exemple de démonstration » sur l'équipe (noms fictifs) et les phases marquées."),
    )

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
        FieldPanel("demo_example"),
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
        # A path saved before the link rule ("//elsewhere.example") is not rendered.
        return self.product_path if is_safe_link(self.product_path) else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        decisions = list(
            JuryDecision.objects.published()
            .filter(project=self)
            .select_related("session", "owner", "replaces__session")
            .order_by("session__date")
        )
        corrections = {decision.replaces_id: decision for decision in decisions if decision.replaces_id}
        for decision in decisions:
            decision.replaced_by = corrections.get(decision.pk)
        context["decisions"] = decisions
        context["indicators"] = impact.project_impact(self)
        context["tranches"] = self.tranches.select_related("decision__session", "envelope")
        return context


class ProjectPhase(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    started_on = models.DateField(_("début"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    demo_example = models.BooleanField(
        _("exemple de démonstration"), default=False, help_text=_("Phase illustrative, affichée comme telle.")
    )

    panels = [
        FieldRowPanel([FieldPanel("phase"), FieldPanel("started_on")]),
        FieldPanel("note"),
        FieldPanel("demo_example"),
    ]

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
    overrun_confirmed = models.BooleanField(
        _("dépassement confirmé"),
        default=False,
        help_text=_("À cocher pour engager plus que le reste de l'enveloppe ; la page publique l'indique."),
    )

    panels = [
        FieldPanel("decision"),
        FieldPanel("envelope"),
        FieldPanel("label"),
        FieldPanel("amount"),
        FieldPanel("overrun_confirmed"),
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
