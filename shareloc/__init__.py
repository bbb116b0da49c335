"""Shareloc: the lycées' spaces lent to associations. One Django app (label "shareloc") in two parts:
catalogue/ (what is lent, when, the public pages and API) and bookings/ (requests and decisions), which
builds on the catalogue. models.py, urls.py, wagtail_hooks.py and demo.py are the app's entry points
for Django, Wagtail and load_demo."""
