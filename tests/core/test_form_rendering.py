"""Every form the site shows is drawn by one field template (core/forms/field.html, FORM_RENDERER): each
aria-describedby names elements present in the page, each label points at a control, a help text or an
error is linked to its field, a field in error says so (aria-invalid), and no id is given twice.

The forms are found by walking the project's modules, so a new form class fails here until it is listed
below (with a way to build it) or, for a form drawn by Wagtail's admin templates, in ADMIN_FORMS."""

import datetime
import importlib
import pkgutil
from html.parser import HTMLParser

import django_filters
import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils.html import escape

APPS = ("core", "home", "programme", "shareloc", "belette", "search")
# Drawn by Wagtail's admin with its own field templates, not by the site's.
ADMIN_FORMS = {
    "programme.ProjectPageForm",
    "shareloc.ScopedForm",
    "shareloc.SpaceForm",
    "shareloc.OpeningWindowForm",
    "shareloc.DisplacingForm",
    "shareloc.ClosureForm",
    "shareloc.DecisionForm",
    "search.QueryLogFilterSet",
    "search.SynonymSetForm",
    "shareloc.ConfirmCancellationForm",
    "home.AidePageForm",
    "belette.AgentForm",
    "belette.AgentFilterForm",
    "belette.DispositifForm",
    "belette.UnitForm",
}


class Markup(HTMLParser):
    """The ids, the labels' targets, the aria-describedby references and the fields marked invalid."""

    def __init__(self, html):
        super().__init__()
        self.ids, self.label_targets, self.described, self.invalid, self.anchors = [], [], [], set(), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.label_targets.append(attrs["for"])
        if attrs.get("aria-describedby"):
            self.described.append((attrs.get("id") or attrs.get("name") or tag, attrs["aria-describedby"].split()))
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.anchors.append(attrs["href"][1:])
        if attrs.get("aria-invalid") == "true":
            self.invalid.add(attrs.get("name") or attrs.get("id"))

    def referenced(self):
        return {ref for _element, refs in self.described for ref in refs}


def assert_consistent(html):
    """What must hold for any page or form of the site."""
    markup = Markup(html)
    duplicates = sorted({value for value in markup.ids if markup.ids.count(value) > 1})
    assert duplicates == [], f"ids given twice: {duplicates}"
    missing = [(element, ref) for element, refs in markup.described for ref in refs if ref not in markup.ids]
    assert missing == [], f"aria-describedby naming no element: {missing}"
    orphans = [target for target in markup.label_targets if target not in markup.ids]
    assert orphans == [], f"labels pointing at no control: {orphans}"
    dead_links = [target for target in markup.anchors if target not in markup.ids]
    assert dead_links == [], f"links to no element of the page: {dead_links}"
    return markup


def assert_form_is_drawn_accessibly(form):
    html = str(form)  # the form template: error summary, every field through the field template
    markup = assert_consistent(html)
    for field in form.visible_fields():
        assert field.label is None or escape(str(field.label)) in html, field.name
        if field.help_text:
            assert f"{field.auto_id}_helptext" in markup.ids, f"{field.name}: help text not drawn"
            assert f"{field.auto_id}_helptext" in markup.referenced(), f"{field.name}: help text not linked"
        if field.errors:
            assert f"{field.auto_id}_error" in markup.ids, f"{field.name}: errors not drawn"
            assert f"{field.auto_id}_error" in markup.referenced(), f"{field.name}: errors not linked"
            assert field.html_name in markup.invalid, f"{field.name}: no aria-invalid"
    if form.errors:
        assert 'role="alert"' in html
    # One field alone, as a page that groups fields in fieldsets draws it.
    for field in form.visible_fields():
        assert_consistent(field.as_field_group())


def project_classes(base):
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)
    found, pending = set(), [base]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.split(".")[0] in APPS:
                found.add(f"{sub.__module__.split('.')[0]}.{sub.__qualname__}")
    return found


def classes_by_name(base):
    """Each project class below `base`, by "app.Name" (modules may move, names stay)."""
    by_name, pending = {}, [base]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            app = sub.__module__.split(".")[0]
            if app in APPS:
                by_name[f"{app}.{sub.__name__}"] = sub
    return by_name


# --- How to build each form the site shows, unbound, and bound with data that puts fields in error ---


def contact_page():
    from home.models import FormField, FormPage

    page = FormPage(title="Nous contacter", slug="contact", to_address="accueil@example.org")
    kinds = ["singleline", "multiline", "email", "number", "url", "checkbox", "checkboxes", "dropdown"]
    kinds += ["multiselect", "radio", "date", "datetime", "hidden"]
    page.form_fields = [
        FormField(
            sort_order=number,
            label=f"Champ {kind}",
            clean_name=f"champ_{kind}",
            field_type=kind,
            required=number % 2 == 0,
            choices="Oui\nNon" if kind in {"checkboxes", "dropdown", "multiselect", "radio"} else "",
            help_text=f"Aide du champ {kind}" if number % 3 else "",
        )
        for number, kind in enumerate(kinds)
    ]
    return page


def call_page():
    from programme.models import CallFormField, CallPage

    page = CallPage(title="Appel", slug="appel", consent_text="J'accepte.")
    page.form_fields = [
        CallFormField(label="Nom et prénom", clean_name="nom", field_type="singleline", required=True, sort_order=0),
        CallFormField(
            label="Le problème", clean_name="probleme", field_type="multiline", required=True, help_text="Dix lignes."
        ),
        CallFormField(label="Temps", clean_name="temps", field_type="dropdown", choices="10 %\n50 %"),
        CallFormField(label="Présentation", clean_name="presentation", field_type="file", help_text="Un PDF."),
    ]
    return page


@pytest.fixture
def makers(db):
    """For each form: a function of (data) giving the form, unbound when data is None."""
    from home.models import AidAudience, AidTheme
    from programme.models import Application, Criterion, Edition, JurySession, ReviewRound
    from programme.workflow import TEAM
    from shareloc.models import LendableEquipment, Lycee, Space

    AidAudience.objects.create(slug="apprentis", name="Apprentis")
    AidTheme.objects.create(slug="transport", name="Transport")
    edition = Edition.objects.create(year=2026, name="Édition 2026")
    review_round = ReviewRound.objects.create(edition=edition, name="Présélection", is_current=True)
    criteria = [
        Criterion.objects.create(
            review_round=review_round, name="Problème", weight=3, description="Le besoin est-il réel ?"
        ),
        Criterion.objects.create(review_round=review_round, name="Équipe", weight=1),
    ]
    application = Application(edition=edition, title="Projet", stage="submitted")
    session = JurySession.objects.create(edition=edition, kind="decision", date=datetime.date(2026, 7, 7), quorum=2)
    session.members.add(get_user_model().objects.create_user("membre_du_jury", first_name="Jeanne", last_name="Jury"))
    selection = JurySession.objects.create(edition=edition, kind="selection", date=datetime.date(2026, 3, 5), quorum=1)
    lycee = Lycee(uai="0590119J", name="Lycée Faidherbe", commune_name="Lille", department="59")
    space = Space(lycee=lycee, code="GYM1", name="Gymnase", kind="gymnasium", capacity=40)
    equipment = [LendableEquipment(lycee=lycee, code="TAP", name="Tapis de judo", quantity=20)]
    forms_ = classes_by_name(forms.BaseForm)
    filtersets = classes_by_name(django_filters.FilterSet)
    anonymous = AnonymousUser()

    def filterset_form(name):
        return lambda data: filtersets[name](data).form

    return {
        "core.LoginForm": lambda data: forms_["core.LoginForm"](None, data=data),
        "core.SitePasswordResetForm": lambda data: forms_["core.SitePasswordResetForm"](data),
        "home.AidFilterSet": filterset_form("home.AidFilterSet"),
        "core.HoneypotForm": lambda data: contact_page().get_form(data, page=None, user=anonymous),
        "programme.CallForm": lambda data: call_page().get_form(
            data, None if data is None else {}, page=None, user=anonymous
        ),
        "programme.TransitionForm": lambda data: forms_["programme.TransitionForm"](
            data, application=application, roles={TEAM}
        ),
        "programme.ScoreForm": lambda data: forms_["programme.ScoreForm"](data, criteria=criteria),
        "programme.ConflictForm": lambda data: forms_["programme.ConflictForm"](data, auto_id="conflict_%s"),
        "programme.DecisionForm": lambda data: forms_["programme.DecisionForm"](data, session=session),
        "programme.SelectionDecisionForm": lambda data: forms_["programme.SelectionDecisionForm"](
            data, session=selection
        ),
        "programme.HoldReviewForm": lambda data: forms_["programme.HoldReviewForm"](data),
        "programme.WithdrawDecisionForm": lambda data: forms_["programme.WithdrawDecisionForm"](data),
        "programme.PresenceForm": lambda data: forms_["programme.PresenceForm"](data, session=session),
        "programme.AssignForm": lambda data: forms_["programme.AssignForm"](data, review_round=review_round),
        "programme.BulkAssignForm": lambda data: forms_["programme.BulkAssignForm"](data),
        "programme.RemoveForm": lambda data: forms_["programme.RemoveForm"](data),
        "programme.ApplicationScopeForm": lambda data: forms_["programme.ApplicationScopeForm"](data),
        "programme.ApplicationFilterForm": lambda data: forms_["programme.ApplicationFilterForm"](data),
        "programme.ArchiveForm": lambda data: forms_["programme.ArchiveForm"](data),
        "programme.WithdrawApplicationForm": lambda data: forms_["programme.WithdrawApplicationForm"](
            data, auto_id="%s-7"
        ),
        "shareloc.SpaceFilter": filterset_form("shareloc.SpaceFilter"),
        "shareloc.ChangeForm": lambda data: forms_["shareloc.ChangeForm"](
            data, dates=[(1, "mardi 2 mars 2027, 18:00–20:00")], spaces=[(1, "Gymnase")]
        ),
        "shareloc.SignUpForm": lambda data: forms_["shareloc.SignUpForm"](data),
        "shareloc.RequestForm": lambda data: forms_["shareloc.RequestForm"](data, space=space, equipment=equipment),
        "shareloc.AssociationProfileForm": lambda data: forms_["shareloc.AssociationProfileForm"](data),
        "shareloc.InviteForm": lambda data: forms_["shareloc.InviteForm"](data),
        "shareloc.NewAccountForm": lambda data: forms_["shareloc.NewAccountForm"](data),
        "home.FeedbackForm": lambda data: forms_["home.FeedbackForm"](data),
        "shareloc.CancelForm": lambda data: forms_["shareloc.CancelForm"](data),
        "shareloc.PlanningForm": lambda data: forms_["shareloc.PlanningForm"](data, datetime.date(2026, 12, 1)),
        "shareloc.AreaPlanningForm": lambda data: forms_["shareloc.AreaPlanningForm"](data, datetime.date(2026, 12, 1)),
        "belette.SearchForm": lambda data: forms_["belette.SearchForm"](data),
        "belette.ProposalForm": lambda data: forms_["belette.ProposalForm"](data),
        "belette.ReviewForm": lambda data: forms_["belette.ReviewForm"](data),
    }


# The classes the makers above stand for: the filter sets' forms are made by django-filter, and Wagtail's
# form builder makes the contact and call forms' classes page by page.
BUILT_BY = {
    "shareloc.CatalogueForm": "shareloc.SpaceFilter",
    "core.with_honeypot.<locals>.HoneypotForm": "core.HoneypotForm",
    "programme.CallFormBuilder.get_form_class.<locals>.CallForm": "programme.CallForm",
    "core.LoginForm": "core.LoginForm",
}


def test_every_form_class_of_the_project_is_checked_here(makers):
    found = project_classes(forms.BaseForm) | project_classes(django_filters.FilterSet)
    covered = set(makers) | set(BUILT_BY) | ADMIN_FORMS
    missing = sorted(found - covered)
    assert missing == [], "\n".join(missing)


def bad_data(form):
    """A value that most fields refuse (numbers, dates, choices, e-mail addresses), for every field."""
    return {field.html_name: "§ pas valable §" for field in form}


@pytest.mark.parametrize("state", ["unbound", "empty", "invalid"])
def test_every_form_links_its_help_texts_and_errors_to_elements_that_exist(makers, state):
    checked = 0
    for name, make in makers.items():
        form = make(None)
        if state == "empty":
            form = make({})
        elif state == "invalid":
            form = make(bad_data(form))
        if state != "unbound":
            form.is_valid()
        try:
            assert_form_is_drawn_accessibly(form)
        except AssertionError as error:
            raise AssertionError(f"{name} ({state}): {error}") from None
        checked += 1
    assert checked == len(makers)


def test_the_invalid_state_really_puts_fields_in_error_with_help_texts(makers):
    form = makers["shareloc.SignUpForm"](bad_data(makers["shareloc.SignUpForm"](None)))
    assert not form.is_valid()
    html = str(form)
    assert 'id="id_password_helptext"' in html and 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_error"' in html and 'aria-invalid="true"' in html


def test_a_group_of_choices_is_a_fieldset_described_by_its_error(makers):
    form = makers["shareloc.SpaceFilter"]({"kind": "spaceship"})
    form.is_valid()
    html = form["kind"].as_field_group()
    assert html.lstrip().startswith(
        '<fieldset class="field field--group field--error" aria-describedby="id_kind_error"'
    )
    assert "<legend>Type d&#x27;espace</legend>" in html


def test_required_fields_carry_a_mark_that_screen_readers_skip(makers):
    html = makers["shareloc.SignUpForm"](None)["name"].as_field_group()
    assert '<span class="field__required" aria-hidden="true"> *</span>' in html
    assert "required" in html


def test_the_login_page_draws_its_form_with_the_field_template(client, home_page):
    html = client.get("/connexion/").content.decode()
    assert_consistent(html)
    assert '<label for="id_username">Identifiant' in html and "autofocus" not in html
    refused = client.post("/connexion/", {"username": "", "password": ""}).content.decode()
    markup = assert_consistent(refused)
    assert {"username", "password"} <= markup.invalid


def test_an_application_page_with_both_reason_fields_gives_each_its_own_id(client, home_page, django_user_model):
    from programme.models import Application, Assignment, Criterion, Edition, ReviewRound

    edition = Edition.objects.create(year=2026, name="Édition 2026")
    review_round = ReviewRound.objects.create(edition=edition, name="Présélection", is_current=True)
    Criterion.objects.create(
        review_round=review_round, name="Problème", weight=3, description="Le besoin est-il réel ?"
    )
    application = Application.objects.create(
        edition=edition, title="Projet", stage="submitted", applicant_name="Camille", applicant_email="c@example.org"
    )
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw")
    edition.reviewers.add(admin)
    # Assigned, the team member sees the team's forms and the reviewer's forms on one page.
    Assignment.objects.create(review_round=review_round, application=application, reviewer=admin)
    client.force_login(admin)

    html = client.get(f"/programme/espace/candidatures/{application.pk}/").content.decode()

    markup = assert_consistent(html)
    assert {"id_reason", "conflict_reason"} <= set(markup.ids)
