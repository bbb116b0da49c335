"""The Content-Security-Policy of the site, scoped for Wagtail's admin.

The public site, the accounts pages and the API docs run with `script-src 'self'` plus a per-request
nonce: no inline script runs, so a link or a text that slipped through cannot execute. Wagtail's
admin (8.0) still writes inline scripts in its own templates (inline panels, date pickers, search
promotions), so under its prefix scripts may also be inline. The admin is reached only by
authenticated staff, and every address its editors type is checked by the link rule (core/links.py).
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.CSP_ADMIN_PREFIX):
            # A nonce would make browsers ignore 'unsafe-inline': the admin gets neither a nonce nor 'strict'.
            replace = dict(parts.replace or {})
            replace["script-src"] = [SELF, UNSAFE_INLINE]
            return PolicyParts(parts.config, parts.update, replace, None)
        return parts
