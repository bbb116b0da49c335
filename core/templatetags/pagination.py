"""`{% page_links page_obj as pages %}`: what core/pagination.html needs to draw any paginated list."""

from dataclasses import dataclass

from django import template

register = template.Library()

AROUND = 2  # pages linked on each side of the current one


@dataclass(frozen=True)
class PageLinks:
    number: int
    num_pages: int
    window: list  # page numbers to link, None standing for a gap (1 … 4 5 6 7 8 … 12)

    @property
    def previous(self):
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self):
        return self.number + 1 if self.number < self.num_pages else None


def window(number, num_pages, around=AROUND):
    shown = {1, num_pages} | set(range(max(1, number - around), min(num_pages, number + around) + 1))
    numbers, last = [], 0
    for shown_number in sorted(shown):
        if shown_number - last > 1:
            numbers.append(None)
        numbers.append(shown_number)
        last = shown_number
    return numbers


@register.simple_tag
def page_links(page):
    """The links of `page`: a Django Page, or any object with `number` and `num_pages` (the site search's)."""
    if not page:
        return None
    paginator = getattr(page, "paginator", None)
    num_pages = paginator.num_pages if paginator is not None else page.num_pages
    return PageLinks(page.number, num_pages, window(page.number, num_pages))
