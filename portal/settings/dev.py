"""The embedded default: everything on one machine, no servers to run."""

from .base import *  # noqa: F403
from .base import LOGGING, env

# Plain lines in a developer's terminal; LOG_FORMAT=json shows what production writes.
LOGGING["handlers"]["console"]["formatter"] = env.str("LOG_FORMAT", default="text")
