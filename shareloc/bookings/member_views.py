"""The association's members pages: invite (from the profile page), accept an invitation (signed in, or
with a new account), leave. Thin: the rules are in members.py."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import members
from .forms import InviteForm


class NewAccountForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("Prénom"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Nom"), max_length=150)
    username = forms.CharField(label=gettext_lazy("Identifiant de connexion"), max_length=150)
    password = forms.CharField(
        label=gettext_lazy("Mot de passe"), widget=forms.PasswordInput(render_value=False), strip=False
    )


@login_required
@require_POST
def invite_view(request):
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez une adresse électronique valide."))
        return redirect("shareloc:association_profile")
    try:
        invitation = members.invite(request.user, form.cleaned_data["email"])
    except members.MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email})
    return redirect("shareloc:association_profile")


def invitation_view(request, token):
    invitation = members.valid_invitation(token)
    if invitation is None:
        return render(request, "shareloc/booking/invitation.html", {"invalid": True}, status=404)
    form = NewAccountForm(request.POST or None) if not request.user.is_authenticated else None
    status = 200
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                members.accept(request.user, token)
            elif form.is_valid():
                user = members.accept_with_new_account(token, **form.cleaned_data)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                raise members.MemberError(_("Corrigez les champs signalés."))
        except members.MemberError as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("Vous êtes membre de « %(name)s ».") % {"name": invitation.association.name})
            return redirect("shareloc:my_requests")
    return render(request, "shareloc/booking/invitation.html", {"invitation": invitation, "form": form}, status=status)


@login_required
@require_POST
def leave_view(request):
    try:
        association = members.leave(request.user)
    except members.MemberError as error:
        messages.error(request, str(error))
        return redirect("shareloc:association_profile")
    messages.success(request, _("Vous avez quitté « %(name)s ».") % {"name": association.name})
    return redirect("/")
