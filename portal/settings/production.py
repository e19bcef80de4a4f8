"""Production: services come from the environment, secrets have no fallback."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
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
# HTTPS is usually terminated by the proxy in front; turn these on once it is.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
# Art. 9 / issue 16: superusers and system administrators must use a second factor in production;
# only an explicit TWO_FACTOR_REQUIRED_FOR_ADMINS=false turns that off.
TWO_FACTOR_REQUIRED_FOR_ADMINS = env.bool("TWO_FACTOR_REQUIRED_FOR_ADMINS", default=True)
