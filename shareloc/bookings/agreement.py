"""The usage agreement (convention d'occupation) of an approved request: what the printable page shows,
naming the three parties (the Région, owner of the buildings; the lycée, which lends; the association)."""

from django.conf import settings

from core.dates import local

from .models import DateStatus, RequestStatus


def agreement_context(request):
    """None when the request has no confirmed date (no agreement to print), else the page's data."""
    confirmed = [
        rd
        for rd in request.dates.select_related("booking").order_by("booking__start")
        if rd.status == DateStatus.CONFIRMED
    ]
    if request.status != RequestStatus.APPROVED or not confirmed:
        return None
    space, lycee = request.space, request.space.lycee
    hours = sum((rd.booking.end - rd.booking.start).total_seconds() for rd in confirmed) / 3600
    return {
        "booking_request": request,
        "region": f"{settings.ORGANISATION_NAME}, {settings.ORGANISATION_ADDRESS}",
        "lycee": lycee,
        "space": space,
        "association": request.association,
        "dates": [(local(rd.booking.start), local(rd.booking.end)) for rd in confirmed],
        "hours": hours,
        "value": round(float(space.hourly_rate_eur) * hours, 2),
        "equipment": [line for line in request.equipment_lines.select_related("equipment") if not line.left_out],
        "insurance_problem": request.association.insurance_problem(local(confirmed[-1].booking.start).date()),
    }
