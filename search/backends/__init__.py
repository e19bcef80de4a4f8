"""Search backends, one module each, so settings name them as ``search.backends.<name>``."""
