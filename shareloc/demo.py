"""Shareloc's part of the demo (found by load_demo): the catalogue first, then the bookings that use it."""

from .bookings import demo as bookings_demo
from .catalogue import demo as catalogue_demo


def load(command):
    catalogue_demo.load(command)
    bookings_demo.load(command)
