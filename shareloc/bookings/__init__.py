"""Shareloc's bookings: associations ask for spaces of the catalogue, lycées' managers decide.

models.py         associations and members, requests, their dates, equipment, history, iCal tokens
workflow.py       submit / approve / decline / cancel / expire: transitions as data, one transaction each
permissions.py    who may see or do what with a request
associations.py   identifiers (RNA, SIRET), sign-up and e-mail verification
emails.py         the e-mails (templates in templates/shareloc/emails/); tasks.py: the scheduled jobs
api.py, views.py, forms.py   the booking API, the association's pages, their forms
admin.py          the manager's inbox and decision page, the Région's dashboard (data in dashboard.py)
agreement.py, ical.py        the printable usage agreement, the iCal feeds
demo.py           the bookings' part of the demo"""
