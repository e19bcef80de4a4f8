"""The embedded default: everything on one machine, no servers to run."""

from .base import *  # noqa: F403
