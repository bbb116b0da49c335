"""The "was this page useful?" box's form, for the pages that include home/includes/feedback.html (their
view is Wagtail's serve, so the form comes from here rather than from a context)."""

from django import template

from home.forms import FeedbackForm

register = template.Library()


@register.simple_tag
def feedback_form(page):
    return FeedbackForm(initial={"page": page.pk})
