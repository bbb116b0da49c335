"""RSS 2.0 and Atom 1.0 feeds of the news, optionally for one tag (`?tag=slug`)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    limit = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        site = Site.find_for_request(request)
        # The publisher named in the feed is the site itself (its name in Wagtail's Sites setting), never an editor.
        self.publisher = (site.site_name if site else "") or _("Ma Région")
        self.home_url = site.root_url + "/" if site else "/"
        return self.index_page.tag_from(request)  # 404 for an unknown tag

    def title(self, tag):
        title = _("Actualités – %(site)s") % {"site": self.publisher}
        return f"{title} – {tag.name}" if tag else title

    def author_name(self, tag):
        return self.publisher

    def author_link(self, tag):
        return self.home_url

    def item_author_name(self, item):
        return self.publisher

    def link(self, tag):
        return self.index_page.get_url(self.request)

    def description(self, tag):
        return self.index_page.intro or _("Les dernières actualités de Ma Région.")

    def items(self, tag):
        return self.index_page.news(tag).prefetch_related("tags")[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
