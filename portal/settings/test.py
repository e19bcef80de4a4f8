"""Tests: the embedded default, made fast and deterministic.

DATABASE_URL still decides the database, so CI runs the same suite on PostgreSQL.
"""

from .base import *  # noqa: F403
from .base import env

# Fast hashing: tests create many users; the validators still run.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Outgoing mail goes to django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files are not collected in tests.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Sites on port 80 (tests name hosts without a port); the URL tests set PORTAL_PORT themselves.
PORTAL_PORT = 80
WAGTAILADMIN_BASE_URL = "http://localhost"
# Tests run against a real worker only when CI starts one (CELERY_BROKER_URL set).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")  # noqa: F405
# Lockout is tested explicitly; most tests log in with force_login.
AXES_ENABLED = True
# django-otp makes a device wait (1 s, 2 s, …) after a wrong code; tests enter the right code
# straight after a wrong one. The lockout (axes) still counts every wrong code.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
DEBUG = False
# The shared applications' demo stand-ins answer only where a test turns them on.
DEMO_SHARED_APPS = False
ALLOWED_HOSTS = [".localhost", "localhost", "testserver", ".testserver", f".{PORTAL_DOMAIN}", PORTAL_DOMAIN]  # noqa: F405
# issue 4: the anonymous page cache would carry pages from one test into the next; its own tests turn it on.
PAGE_CACHE_SECONDS = 0
# Tests clear the shared cache between them; the per-process copies are tested on their own.
PAGE_CACHE_LOCAL_SECONDS = 0
# portal.memo: each test starts from an empty memo (tests/conftest.py) and always checks the shared version.
PROCESS_MEMO_CHECK_SECONDS = 0
