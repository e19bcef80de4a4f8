"""gunicorn's settings: ``gunicorn -c python:portal.gunicorn portal.wsgi`` (issue 12.5).

gunicorn's own lines (start, workers booting and exiting) in the same JSON as Django's
(LOG_FORMAT=text for plain lines), so a log collector reads one format from the process.
"""

import os

_json = os.environ.get("LOG_FORMAT", "json") == "json"
_level = os.environ.get("LOG_LEVEL", "INFO").upper()

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(message)s",
            "timestamp": "time",
            "rename_fields": {"levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json" if _json else "text"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": _level, "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": _level, "propagate": False},
    },
}
