"""Mes candidatures, the drafts and edits part: edit a submitted application while its call is open,
delete a draft. Each view answers only for the signed-in person's own objects."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import applicant_drafts
from .models import Application


def _error(request, message, status=400):
    return TemplateResponse(request, "programme/space/error.html", {"message": message}, status=status)


def edit_application(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = get_object_or_404(Application.objects.select_related("call", "edition"), pk=pk)
    if application.applicant_id != request.user.pk:
        raise PermissionDenied(_("Cette candidature n'est pas la vôtre."))
    if not applicant_drafts.can_edit(application):
        return _error(
            request, _("Cette candidature ne se modifie plus : l'appel est clos ou une décision a été prise.")
        )
    status = 200
    if request.method == "POST":
        form = applicant_drafts.edit_form(application, request.POST, request.FILES)
        if form.is_valid():
            try:
                edit = applicant_drafts.edit_application(application, form, request.user)
            except ValidationError as error:
                return _error(request, error.messages[0])
            if edit is None:
                messages.info(request, _("Aucune réponse n'a changé."))
            else:
                messages.success(request, _("Candidature modifiée ; la modification figure dans son historique."))
            return redirect("programme:my_applications")
        status = 400
    else:
        form = applicant_drafts.edit_form(application)
    context = {"application": application, "form": form}
    return TemplateResponse(request, "programme/applicant/edit_application.html", context, status=status)


def delete_draft(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method != "POST":
        return redirect("programme:my_applications")
    if not applicant_drafts.delete_draft(request.user, pk):
        raise Http404(_("Brouillon introuvable."))
    messages.success(request, _("Brouillon supprimé."))
    return redirect("programme:my_applications")
