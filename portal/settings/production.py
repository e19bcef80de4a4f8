"""Production: services come from the environment, secrets have no fallback."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
DEMO_SHARED_APPS = env.bool("DEMO_SHARED_APPS", default=False)
SECRET_KEY = env.str("SECRET_KEY")  # no fallback: fail fast
for required in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"):
    if not env.str(required, default=""):
        raise ImproperlyConfigured(f"{required} must be set in production")

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LOGGING["root"]["level"] = env.str("LOG_LEVEL", default="INFO")  # noqa: F405
# issue 12.5: HTTPS only, by default. Behind a proxy that terminates TLS the proxy sets
# X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER above), so the redirect stays on there too; only a
# deployment that really serves plain HTTP turns SECURE_SSL_REDIRECT / SECURE_COOKIES off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's health probe speaks plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)  # one year
# Every unit site is served here and sends its own HSTS header, so the policy need not cover
# subdomains; and it must not by default: other systems of the province may live under the same
# domain (mail.hue.egov.vn…) on plain HTTP. Preloading is a commitment the province makes itself.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),  # a choice, explained above
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
# Art. 9 / issue 16: superusers and system administrators must use a second factor in production;
# only an explicit TWO_FACTOR_REQUIRED_FOR_ADMINS=false turns that off.
TWO_FACTOR_REQUIRED_FOR_ADMINS = env.bool("TWO_FACTOR_REQUIRED_FOR_ADMINS", default=True)
