"""The portal's models, one module per concern:

- base: BasePage (what every editorial page shares, with its review date) and freshness_models;
- pages: the home page, content and section pages, the site map;
- aids: aid schemes and their taxonomies (audiences, themes, départements);
- aid_index: the aid catalogue page (served by home.catalogue);
- news: news items, tags and the news list with its feeds (home.feeds);
- form_pages: forms built in the admin (served by home.forms);
- site_settings: site identity, alert banner and menus;
- feedback: "was this page useful?" answers;
- legal: the legal notice, the accessibility statement and the cookies page.

`from home.models import X` works for every model. A module that a page model imports (home.catalogue,
home.feeds, home.forms, home.views) imports the concrete modules (`home.models.aids`...), never this
package: importing the package from there would close an import cycle.
"""

from .aid_index import AideIndexPage
from .aids import DEPARTMENTS, AidAudience, AidePage, AidTheme, Department
from .base import BasePage, freshness_models
from .feedback import PageFeedback
from .form_pages import FormField, FormPage
from .legal import AccessibilityStatementPage, CookiesPage, LegalNoticePage, live_legal_pages
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .pages import ContentPage, HomePage, HomePageHighlightedAid, SectionPage, SitemapPage
from .site_settings import (
    FooterMenuItem,
    MainMenuItem,
    MenuItem,
    NavigationSettings,
    SiteIdentity,
    SocialLink,
)

__all__ = [
    "DEPARTMENTS",
    "AccessibilityStatementPage",
    "AidAudience",
    "AideIndexPage",
    "AidePage",
    "AidTheme",
    "BasePage",
    "ContentPage",
    "CookiesPage",
    "Department",
    "FooterMenuItem",
    "FormField",
    "FormPage",
    "HomePage",
    "HomePageHighlightedAid",
    "LegalNoticePage",
    "MainMenuItem",
    "MenuItem",
    "NavigationSettings",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PageFeedback",
    "SectionPage",
    "SiteIdentity",
    "SitemapPage",
    "SocialLink",
    "freshness_models",
    "live_legal_pages",
]
