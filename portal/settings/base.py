"""Settings for every environment, read once from the environment.

With no variable set the project runs embedded: SQLite, Wagtail's database
search, Celery tasks in-process and a local-memory cache. Production sets
DATABASE_URL, CELERY_BROKER_URL, REDIS_URL, ELASTICSEARCH_URL, PORTAL_DOMAIN,
SECRET_KEY and friends (see README.md); ``portal.settings.production`` refuses
to start without the secrets it needs.
"""

from pathlib import Path

import environ
from django_guid.integrations import CeleryIntegration

from portal.csp import policy as csp_policy

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="embedded-development-key-not-for-production")

# The province portal lives at PORTAL_DOMAIN; each unit's site at <code>.PORTAL_DOMAIN.
PORTAL_DOMAIN = env.str("PORTAL_DOMAIN", default="localhost").lower().strip(".")
# The port visitors use: 8000 for the embedded `make run` (its links keep :8000), 80 behind a production proxy.
PORTAL_PORT = env.int("PORTAL_PORT", default=8000 if DEBUG else 80)
ALLOWED_HOSTS = [PORTAL_DOMAIN, f".{PORTAL_DOMAIN}", *env.list("EXTRA_ALLOWED_HOSTS", default=[])]
if DEBUG:
    ALLOWED_HOSTS += ["127.0.0.1", "testserver", ".testserver"]
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS",
    default=[f"http://{PORTAL_DOMAIN}", f"https://{PORTAL_DOMAIN}", f"http://*.{PORTAL_DOMAIN}", f"https://*.{PORTAL_DOMAIN}"]
    + ([f"http://{PORTAL_DOMAIN}:8000", f"http://*.{PORTAL_DOMAIN}:8000"] if DEBUG else []),
)

# Apps: the public side in portal/, the officer side and the domain in intranet/.
PROJECT_APPS = [
    "portal.home",
    "intranet.units",
    "intranet.workdays",
    "intranet.accounts",
    "intranet.directory",  # after accounts: demo people fill in around the demo accounts
    "intranet.boards",
    "intranet.speeches",
    "intranet.store",
    "intranet.documents",  # issue 13: document registers (HCMC Art. 7) and PDF files
    "intranet.moderation",
    "intranet.cases",
    "intranet.desk",
    "intranet.notifications",
    "intranet.programs",
    "intranet.handover",  # work follows people: reassign, departures, merges
    "intranet.cover",  # issue 17: delegation, leave, duplicate questions
    "intranet.jobs",
    "portal.news",
    "portal.galleries",  # issue 4: photo galleries
    "portal.pages",  # issue 4: introduction, organisation, legal documents
    "portal.submissions",  # issue 4: the public /gui-tin-bai/ form
    "portal.calendars",  # issue 14: the leaders' weekly work calendar (lịch công tác)
    "portal.consultations",  # issue 14: draft documents put out for comment (lấy ý kiến dự thảo)
    "search",
]

INSTALLED_APPS = [
    *PROJECT_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",  # the directory page: units below it at <code>/
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "csp",
    "django_guid",
    "rest_framework",
    "drf_spectacular",  # issue 16.7: the store API's OpenAPI schema at /api/v1/schema/
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # issue 12.5: one request id per request, on every log line and in the X-Request-ID header.
    "django_guid.middleware.guid_middleware",
    # issue 12.5: the Content-Security-Policy, on cached pages too (the page cache answers below it).
    "portal.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # issue 16: NUL bytes and other text PostgreSQL refuses get a 400 before any view or session lookup.
    "portal.bad_input.RefuseUnstorableInputMiddleware",
    # Issue 18: anonymous pages from the cache before sessions, locale, CSRF, auth and the unit lookup.
    "portal.news.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intranet.accounts.trail.RequestContextMiddleware",  # issue 16: who and from where, for the security trail
    "django_otp.middleware.OTPMiddleware",  # whether this session passed the second factor
    "intranet.accounts.middleware.PasswordAgeMiddleware",  # Art. 9.2: old passwords are changed first
    "intranet.accounts.middleware.TwoFactorMiddleware",  # Art. 9: administrators' second factor
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "intranet.units.middleware.CurrentUnitMiddleware",
    # issue 16: a view's rate limit (block=True) answers with RATELIMIT_VIEW, the Vietnamese 429, not a bare 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Axes after the rate limits: it turns a locked-out login into a clear response.
    "axes.middleware.AxesMiddleware",
    # Admin POSTs run in a transaction; one that would put a secret page live is undone and refused.
    "portal.news.secret.RefuseSecretPublishingMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "intranet.units.context_processors.current_unit",
            ],
        },
    },
]

# Databases: SQLite file by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker with beat) share the file in the embedded mode.
    # Write-ahead log: readers do not wait for the writer, and a commit needs no disk flush
    # (synchronous=NORMAL is still safe against corruption): `migrate`'s 370 commits take
    # a fraction of a second instead of seconds (issue 18.5).
    #
    # Issue 18.2: a search visits thousands of index and page rows. SQLite's default page cache
    # (2 MB) holds a fraction of them and is lost when the connection closes, so every request
    # read them again: the connection stays open between requests (CONN_MAX_AGE), its cache
    # holds 64 MB, and the file is read through a memory map (no copy per page).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
            ),
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# Issue 12.6: read replicas. DATABASE_REPLICA_URLS (comma-separated) adds replica_1, replica_2…;
# anonymous GETs of public pages, search and the store API read from one of them, everything else
# from the primary (portal/replicas.py). Without it nothing below is installed.
REPLICA_DATABASES = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    # The primary's connection settings (CONN_MAX_AGE, health checks), the replica's own address and options.
    _replica = {**DATABASES["default"], "OPTIONS": {}, **environ.Env.db_url_config(_url.strip())}
    if _replica["ENGINE"].endswith("postgresql"):
        # A replica that is unreachable must cost seconds, not a hung request: we fall back.
        _replica["OPTIONS"].setdefault("connect_timeout", env.int("REPLICA_CONNECT_TIMEOUT", default=2))
    _replica["TEST"] = {"MIRROR": "default"}  # a test run never creates or migrates a replica
    DATABASES[f"replica_{_number}"] = _replica
    REPLICA_DATABASES.append(f"replica_{_number}")
# Read your writes: after a POST (or any non-safe request) that browser reads from the primary this long.
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=10)
# A replica that did not answer is not tried again in that process for this long.
REPLICA_RETRY_SECONDS = env.int("REPLICA_RETRY_SECONDS", default=30)
# Paths that always read from the primary, even for anonymous visitors (officer side, logins).
REPLICA_PRIMARY_PATHS = [
    "/quan-tri/", "/django-admin/", "/ban-lam-viec/", "/dang-nhap/", "/dang-xuat/", "/tai-khoan/",
    "/doi-mat-khau/", "/ho-so/", "/kiem-duyet/", "/thong-bao/", "/chuong-trinh-cong-tac/",
    "/bao-cao-cong-tac/", "/phan-cong-lai/", "/ban-bien-tap/", "/healthz",
]  # fmt: skip
if REPLICA_DATABASES:
    DATABASE_ROUTERS = ["portal.replicas.ReplicaRouter"]
    MIDDLEWARE.insert(0, "portal.replicas.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# No object permissions for anonymous visitors: public pages are public by design (and the
# guardian user it would create clashes with test flushes).
ANONYMOUS_USER_NAME = None

# Cache: local memory by default, Redis when REDIS_URL is set (shared by every app server).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "intranet.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "intranet.accounts.backends.PersonAwareBackend",  # ModelBackend that also refuses retired people
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/ban-lam-viec/"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL

# Art. 9: repeated failed logins lock one account on one address for a while
# (intranet/accounts/lockout.py); an address alone only past a much higher ceiling.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=50)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "intranet.accounts.lockout.FairLockoutHandler"
AXES_LOCKOUT_CALLABLE = "intranet.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"

# issue 16: how long the security trail (logins, lockouts, permission changes) is kept.
SECURITY_TRAIL_DAYS = env.int("SECURITY_TRAIL_DAYS", default=365)

# Reverse proxies in front of the app servers, each appending to X-Forwarded-For
# (portal/client_ip.py): rate limits and the lockout then see the citizen's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Art. 9: an optional second factor (an authenticator app, TOTP) for administrators; with this
# on, superusers and system administrators must enrol before using anything else.
TWO_FACTOR_REQUIRED_FOR_ADMINS = env.bool("TWO_FACTOR_REQUIRED_FOR_ADMINS", default=False)

# Language and time: Vietnamese first, English for the portal's translated pages.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_DEFAULT_LANGUAGE = "vi"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Dates are read day first (portal/formats), and the admin's pickers write them so.
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env.str("DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Email: console in the embedded mode; an SMTP URL in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"Cổng thông tin điện tử <noreply@{PORTAL_DOMAIN}>")

# Wagtail
WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="Cổng thông tin điện tử tỉnh")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the name authenticator apps show beside the code
# The portal's own address: officer-side links in mails (intranet/units/links.py) and Wagtail's.
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default=f"http://{PORTAL_DOMAIN}" if PORTAL_PORT == 80 else f"http://{PORTAL_DOMAIN}:{PORTAL_PORT}"
)
# ASCII page slugs, as state portals' addresses are; portal/home/slugs.py folds Vietnamese first (đ → d).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# QT-07 B6 publishes through the project's permission layer (intranet/moderation/services.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "intranet.moderation.finish.finish_workflow"
# No avatars from gravatar.com: officers' e-mail hashes stay here, and the policy allows no foreign images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip", "jpg", "png"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Search: Wagtail's database backend by default, Elasticsearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            # Wagtail names each index <prefix><app>_<model>: portal_wagtailcore_page, portal_units_unit…
            "INDEX_PREFIX": env.str("ELASTICSEARCH_INDEX", default="portal") + "_",
            "TIMEOUT": 10,
            "ATOMIC_REBUILD": True,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

# Wagtail 8 runs its own background work (index updates, renditions) through django-tasks.
TASKS = {"default": {"BACKEND": env.str("DJANGO_TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}

# Celery: tasks run in-process until a broker is configured.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "intranet.jobs.scheduler:PortalScheduler"  # the database schedule, with catch-up
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
DJANGO_CELERY_BEAT_TZ_AWARE = True
# A fast schedule for drills, demos and the CI stack: every job (or only those named in
# BEAT_EVERY_JOBS) every N seconds instead of at its time; 0 = the schedule's own times.
BEAT_EVERY_SECONDS = env.int("BEAT_EVERY_SECONDS", default=0)
BEAT_EVERY_JOBS = env.list("BEAT_EVERY_JOBS", default=[])

# Working-day calendar: office hours as (start, end) pairs, Monday to Friday.
WORKDAY_OFFICE_HOURS = env.json("WORKDAY_OFFICE_HOURS", default=[["07:30", "11:30"], ["13:30", "17:00"]])

# Art. 9: a password older than this many days must be changed at the next login.
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=30)

# Demo data: the password every demo account shares (README lists the accounts).
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="Hue@2026demo")
# The demo's stand-ins for the five shared applications (intranet/desk/demo_apps.py): 404s when off.
DEMO_SHARED_APPS = env.bool("DEMO_SHARED_APPS", default=DEBUG)

# Upward sync: empty means this deployment is the provincial store.
PROVINCE_STORE_URL = env.str("PROVINCE_STORE_URL", default="")
PROVINCE_STORE_TOKEN = env.str("PROVINCE_STORE_TOKEN", default="")
# A change the store did not take waits this long times 2^attempts (at most an hour) before its next try.
STORE_SYNC_BACKOFF_SECONDS = env.int("STORE_SYNC_BACKOFF_SECONDS", default=60)

# Backups (issue 12): `manage.py backup` and the nightly job write archives here; the job keeps
# the newest BACKUP_KEEP of them.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(BASE_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)

# issue 4: how long anonymous visitors get a public page from the cache (0 = off); publishing empties it.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# How long a reverse proxy or CDN in front may keep such a page (s-maxage; browsers revalidate by ETag).
PAGE_CACHE_SHARED_MAX_AGE = env.int("PAGE_CACHE_SHARED_MAX_AGE", default=60)
# How long each process answers a page it just served from its own copy, with no cache round trip
# (0 = always ask the cache); publishing empties this process's copies at once, other processes'
# are at most this old.
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
# issue 18.2: how long each process keeps the sites, units, private sections and picks every page
# reads (portal.memo; 0 = off). A save forgets them at once here; other processes check a shared
# version at most every PROCESS_MEMO_CHECK_SECONDS.
PROCESS_MEMO_SECONDS = env.float("PROCESS_MEMO_SECONDS", default=60.0)
PROCESS_MEMO_CHECK_SECONDS = env.float("PROCESS_MEMO_CHECK_SECONDS", default=1.0)
# Case engine: the unit code of the province office (Văn phòng UBND tỉnh), which routes questions,
# opinions and press items (App. IV–VI); the public question form's limits.
CASES_OFFICE_CODE = env.str("CASES_OFFICE_CODE", default="vpubnd")
CASES_UPLOAD_MAX_BYTES = env.int("CASES_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
CASES_UPLOAD_MAX_FILES = 3
# issue 16: the public forms count accepted submissions; attempts that fail validation have their own, higher limit.
CASES_QUESTION_RATE = env.str("CASES_QUESTION_RATE", default="5/h")
CASES_QUESTION_INVALID_RATE = env.str("CASES_QUESTION_INVALID_RATE", default="30/h")
CASES_LOOKUP_RATE = env.str("CASES_LOOKUP_RATE", default="60/m")

RATELIMIT_USE_CACHE = "default"
# issue 16: past these a visitor gets the Vietnamese 429 page (portal.ratelimits), the API a JSON 429.
SEARCH_RATE = env.str("SEARCH_RATE", default="120/m")
STORE_API_RATE = env.str("STORE_API_RATE", default="300/m")

# The store API's contract (issue 16.7), generated from the views by drf-spectacular.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "API kho dữ liệu tỉnh",
    "DESCRIPTION": (
        "Danh bạ, ban chỉ đạo, bài phát biểu và đơn vị của tỉnh, kèm nguồn gốc từng bản ghi. "
        "Khách vãng lai nhận các trường công khai; dữ liệu cá nhân chỉ trả cho người có quyền."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "PREPROCESSING_HOOKS": ["intranet.store.schema.only_the_store"],
    "APPEND_COMPONENTS": {"securitySchemes": {"storeToken": {"type": "http", "scheme": "bearer"}}},
}
RATELIMIT_VIEW = "portal.ratelimits.ratelimited"
RATELIMIT_IP_META_KEY = "portal.client_ip.client_ip"

# issue 12.5: one JSON object per line (python-json-logger) with the request id django-guid gives
# each request (and Celery task); tracebacks travel in the object's "exc_info". LOG_FORMAT=text
# gives plain lines for a developer's terminal.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(correlation_id)s %(message)s",
            "timestamp": "time",  # ISO 8601 in UTC
            "rename_fields": {"levelname": "level", "name": "logger", "correlation_id": "request_id"},
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # Django's own request errors (500s with their tracebacks) go through the same handler.
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django_guid": {"level": "WARNING"},  # not a line per request about generating the id
    },
}
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",  # a proxy's id is kept, so its logs and ours line up
    "VALIDATE_GUID": False,
    "RETURN_HEADER": True,
    # Celery tasks log with Django's configuration (JSON), under the id of the request that queued them.
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True, log_parent=True)],
}
CONTENT_SECURITY_POLICY = csp_policy(
    portal_domain=PORTAL_DOMAIN,
    media_url=MEDIA_URL,
    static_url=STATIC_URL,
    extra_frames=env.list("CSP_FRAME_SOURCES", default=["https://www.youtube.com", "https://www.youtube-nocookie.com"]),
)

# issue 7 — the desk: how long it waits for a shared application's pending count (the
# applications themselves are kept by the system administrator in the Wagtail admin).
DESK_SHARED_APPS_TIMEOUT = env.float("DESK_SHARED_APPS_TIMEOUT", default=2.0)
# App. VII: work-program and regular reports are due this many working days after their period ends.
PROGRAM_REPORT_WORKING_DAYS = env.int("PROGRAM_REPORT_WORKING_DAYS", default=3)
# A week's report by the close of the first working day after the week (App. VII is silent; the Monday briefing).
PROGRAM_WEEK_REPORT_WORKING_DAYS = env.int("PROGRAM_WEEK_REPORT_WORKING_DAYS", default=1)
# The regular reports the beat job chases (reminder a working day before, overdue flag to the province office).
# App. VII.II names the month's and year's; Huế Art. 5 adds the quarter's. Weekly reports are not chased by default.
PROGRAM_REMINDED_PERIODS = env.list("PROGRAM_REMINDED_PERIODS", default=["month", "quarter", "year"])
