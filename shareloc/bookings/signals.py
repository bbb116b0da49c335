"""Receivers of the catalogue's signals, connected in shareloc/apps.py ready()."""

from . import workflow


def on_bookings_withdrawn(sender, bookings, reason, user=None, **kwargs):
    """The catalogue closed a space over confirmed dates of booking requests: cancel them through the
    workflow (history, reason, e-mail to the association)."""
    workflow.withdraw(user, [booking.pk for booking in bookings], reason)
