"""Shareloc's catalogue: what the lycées lend and when.

models.py         communes, lycées, spaces, equipment, opening windows, closures, holiday calendars, bookings
pages.py          the catalogue's Wagtail page (/shareloc/), whose routes serve views.py
availability.py   FORMATS.md's availability rule, once (pure functions and its SQL twin)
filters.py        the FilterSet and base queryset shared by the public page and the API
api.py, views.py  the public JSON API and the public pages
imports.py        the CSV importers of FORMATS.md (through core/imports.py)
holiday_calendars.py  the public and school holiday calendars, copied from their packages
permissions.py    who edits which lycée's rows; admin.py, admin_views.py: the Wagtail admin's viewsets
demo.py           the catalogue's part of the demo

Nothing here imports shareloc/bookings: the bookings build on the catalogue, never the reverse."""
