"""Settings shared by every environment. Everything that differs between machines comes from
the environment; the defaults work on a laptop with nothing installed."""

import ipaddress
import os
import sys
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_admins(name):
    """ADMINS from "Nom <adresse>, autre@exemple.fr": the people mailed when a page answers 500."""
    return [(who, address) for who, address in getaddresses([os.environ.get(name, "")]) if address]


def database_from_env():
    """DATABASES["default"] from DATABASE_URL; a malformed URL stops the program with one line."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
    try:
        config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")))
    except Exception as error:  # the library raises several kinds; all mean the same to a person
        raise SystemExit(
            f"DATABASE_URL is malformed ({error.__class__.__name__}): expected "
            "postgres://user:password@host:5432/name or sqlite:///path/to/file.sqlite3"
        ) from None
    if not config.get("NAME"):
        raise SystemExit(
            "DATABASE_URL is malformed: it names no database "
            "(expected postgres://user:password@host:5432/name or sqlite:///path)"
        )
    return config


DATABASES = {"default": database_from_env()}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a transaction takes SQLite's write lock when it starts, so two approvals can't
    # both read "free" and then both write (see shareloc/bookings/workflow.py). WAL lets readers go on.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
# True in maregion.settings.production and in every module that builds on it (`from maregion.settings.production
# import *`): load_demo refuses to run there (it creates accounts whose password is published).
PRODUCTION_SETTINGS = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours first, so that our templates override the libraries' ones.
    "core",
    "home",
    "programme",
    "shareloc",
    "belette",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.errors.MethodNotAllowedPageMiddleware",
    # Last: turns a locked-out login into the French lock-out page.
    "axes.middleware.AxesMiddleware",
]

# Wagtail's preview views set SAMEORIGIN on themselves; everything else refuses to be framed.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp; docs/architecture.md "Security"): scripts only from our own
# files (or inline with the request's nonce), never inline otherwise; core/security.py scopes
# Wagtail's admin, whose templates still hold inline scripts. Styles may be inline (Swagger UI, the
# admin). Video embeds come from the hosts below; Shareloc's map tiles from OpenStreetMap.
CSP_ADMIN_PREFIX = "/admin/"
CSP_VIDEO_HOSTS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://geo.dailymotion.com",
]
# Hosts whose maps or frames editors may embed (the "Carte ou cadre intégré" block); the CSP's frame-src follows.
MAREGION_FRAME_HOSTS = tuple(
    host.strip()
    for host in os.environ.get(
        "FRAME_HOSTS", "www.openstreetmap.org,umap.openstreetmap.fr,www.geoportail.gouv.fr"
    ).split(",")
    if host.strip()
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        # Media on object storage (AWS_S3_ENDPOINT_URL, docs/deploy.md) are listed in CSP_MEDIA_ORIGINS.
        "img-src": [SELF, "data:", "blob:", "https://tile.openstreetmap.org", *env_list("CSP_MEDIA_ORIGINS")],
        "media-src": [SELF, *env_list("CSP_MEDIA_ORIGINS")],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_VIDEO_HOSTS, *(f"https://{host}" for host in MAREGION_FRAME_HOSTS)],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# Features no page of the site uses are switched off for every page and every frame.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self", *CSP_VIDEO_HOSTS],
}

ROOT_URLCONF = "maregion.urls"
WSGI_APPLICATION = "maregion.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "core.context_processors.identity",
            ],
        },
    },
]

# Every form of the site draws its fields with one template (core/forms.py).
FORM_RENDERER = "core.forms.SiteFormRenderer"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/connexion/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# French first. Strings a person reads are written in French in the code, inside gettext, so
# that another language can be added with makemessages without touching the code.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
# Front-end libraries come from npm (package.json) and are served by us, never from a CDN:
# (static prefix under vendor/, folder under node_modules/, needed to serve the site or only by the tests).
# `npm ci --omit=dev` installs the site's; core.checks names a missing one (collectstatic, migrate, check).
FRONTEND_PACKAGES = (
    ("leaflet", "leaflet/dist", True),
    ("axe-core", "axe-core", False),
    ("atkinson-hyperlegible", "@fontsource/atkinson-hyperlegible/files", True),
)
for _package, _folder, _needed in FRONTEND_PACKAGES:
    if (BASE_DIR / "node_modules" / _folder).is_dir():
        STATICFILES_DIRS.append((f"vendor/{_package}", BASE_DIR / "node_modules" / _folder))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
# Public uploads served by the site itself (also without DEBUG) unless the front server answers
# MEDIA_URL first; SERVE_MEDIA=0 when it does (docs/deploy.md, "Media").
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Confidential uploads (insurance certificates): never under MEDIA_ROOT, read only through checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private" / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Media on S3-compatible object storage when several app servers share them (docs/deploy.md).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Cache: Redis when REDIS_URL is set (several app servers); otherwise a file cache under CACHE_DIR that every
# process of the machine shares (gunicorn workers, the shell, cron), never a per-process memory cache: menus,
# banner and the Shareloc catalogue path are cached there under versions that any process bumps (core/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "maregion"),
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", "").strip() or str(BASE_DIR / "var" / "cache"),
        }
    }

# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR networks, comma-separated):
# the client address of rate limits and of the login lock-out (core/client_address.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise SystemExit(f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (e.g. 10.0.0.0/8)") from None

# Login lock-out (django-axes): 10 failures for one account or from one client address lock both
# login pages (/connexion/ and /admin/login/) for AXES_COOLOFF_TIME. Attempts are kept in the database.
AUTHENTICATION_BACKENDS = ["core.accounts.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "core.accounts.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # no record of successful logins (addresses are personal data)
# One "mot de passe oublié" for everyone: the site's (/connexion/mot-de-passe-oublie/, rate-limited per
# address and per client, core/accounts.py). Wagtail's own admin reset mailed without any limit.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# E-mail: EMAIL_URL (smtp://user:pass@host:587, smtp+tls://…, console://) or the usual EMAIL_*.
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
# Our backends are Django's with headers put on one line (core/mail_backends.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "core.mail_backends.ConsoleBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
if EMAIL_URL:
    from urllib.parse import unquote, urlsplit

    _parts = urlsplit(EMAIL_URL)
    if _parts.scheme == "console":
        EMAIL_BACKEND = "core.mail_backends.ConsoleBackend"
    elif _parts.scheme in {"smtp", "smtp+tls", "smtps", "submission"}:
        EMAIL_BACKEND = "core.mail_backends.SMTPBackend"
        EMAIL_HOST = _parts.hostname or "localhost"
        EMAIL_PORT = _parts.port or {"smtps": 465, "submission": 587, "smtp+tls": 587}.get(_parts.scheme, 25)
        EMAIL_HOST_USER = unquote(_parts.username or "")
        EMAIL_HOST_PASSWORD = unquote(_parts.password or "")
        EMAIL_USE_TLS = _parts.scheme in {"smtp+tls", "submission"}
        EMAIL_USE_SSL = _parts.scheme == "smtps"
    else:
        raise SystemExit(f"EMAIL_URL has an unknown scheme {_parts.scheme!r}: use smtp, smtp+tls, smtps or console")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ma Région <ne-pas-repondre@maregion.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django-tasks with its database backend; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The site's name (admin, the home page and Site created by setup_site): another collectivité sets its own.
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "").strip() or "Ma Région Hauts-de-France"
# The collectivité that publishes the site (footer, e-mails, calendars, agreements, consent texts).
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "").strip() or "Région Hauts-de-France"
ORGANISATION_ADDRESS = (
    os.environ.get("ORGANISATION_ADDRESS", "").strip() or "151 avenue du Président Hoover, 59555 Lille Cedex"
)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "odp", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: staff e-mail hashes stay here, and the admin loads no image from a third party (CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Ma Région",
    "DESCRIPTION": "Shareloc (espaces des lycées), La Belette (annuaire interne) et recherche.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["maregion.api.only_our_endpoints"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "maregion.api.document_errors"],
}

# Errors: every 500 (and every security refusal: bad host, CSRF) is logged with its request (method,
# path, user agent, traceback) to stderr, and each 500 is mailed to ADMINS ("Nom <adresse>, …",
# docs/deploy.md) when DEBUG is off.
ADMINS = env_admins("ADMINS")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "stream": sys.stderr},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
        # Failures that no request answers with a 500, mailed too: a background task (an e-mail that could
        # not be sent), a Wagtail notification that failed (a page title with a line break in its subject).
        "django_tasks": {"handlers": ["console", "mail_admins"], "propagate": False},
        "wagtail.admin": {"handlers": ["console", "mail_admins"], "propagate": False},
    },
}

# --- search ---
# Wagtail's database backend (search.backends: modelsearch's, with a faster ranking on SQLite), or
# Elasticsearch 8/9 when ELASTICSEARCH_URL is set. On PostgreSQL, full text in French (stemming:
# "subvention" finds "subventions") without accents ("region" finds "Région"): the configuration
# "french_unaccent" is created by search's migration 0002. SQLite's FTS5 has no stemmer; it ignores accents.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "").strip()
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "maregion_")
# La Belette's index replicas (docs/belette.md: timeouts, retries and the fallback's delay have defaults).
BELETTE_ELASTICSEARCH_REPLICAS = int(os.environ.get("BELETTE_ELASTICSEARCH_REPLICAS", "1"))
_SEARCH_DB_BACKEND = {"BACKEND": "search.backends"}
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    _SEARCH_DB_BACKEND["SEARCH_CONFIG"] = "french_unaccent"
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": f"{ELASTICSEARCH_INDEX_PREFIX}wagtail",
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {"settings": {"analysis": {"analyzer": {"default": {"type": "french"}}}}},
        },
        # The database index is kept up to date too, so that the search page can answer from it when
        # Elasticsearch does not (search/engine.py).
        "fallback": _SEARCH_DB_BACKEND,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": _SEARCH_DB_BACKEND}
# The backend the search page falls back to when the default one does not answer.
SEARCH_FALLBACK_BACKEND = "fallback" if ELASTICSEARCH_URL else None
# How long the search page skips an unreachable Elasticsearch before trying it again.
SEARCH_PRIMARY_RETRY_SECONDS = 30
# How often a process checks whether pages changed elsewhere, for its in-memory page index (core/page_index.py).
SEARCH_INDEX_CHECK_SECONDS = float(os.environ.get("SEARCH_INDEX_CHECK_SECONDS", "1"))

# --- programme ---
# Application attachments are confidential: kept outside MEDIA_ROOT, served only to the programme team.
PROGRAMME_FILES_ROOT = Path(os.environ.get("PROGRAMME_FILES_ROOT", BASE_DIR / "private" / "programme"))
PROGRAMME_MAX_UPLOAD_BYTES = int(os.environ.get("PROGRAMME_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
# Applications not selected are anonymised this many days after submission (the call's consent text says two years).
PROGRAMME_RETENTION_DAYS = int(os.environ.get("PROGRAMME_RETENTION_DAYS", 730))
