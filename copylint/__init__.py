"""copylint: a copy-editing linter for news articles."""

__version__ = "0.1.0"

from copylint.finding import Finding, Related, Severity  # noqa: E402
from copylint.article import Article  # noqa: E402

__all__ = ["Article", "Finding", "Related", "Severity", "__version__", "check_text", "check_paths"]


def check_text(text: str, path: str = "<text>", fmt: str | None = None, config=None):
    """Lint one article given as a string (``fmt``: "text", "markdown" or "html"; by default from
    the path's extension); returns its findings. ``config`` is a ``copylint.config.Config``
    (default: every default rule, no config file read)."""
    from copylint.engine import Linter

    return Linter().check_text(text, path=path, fmt=fmt, cfg=config)


def check_paths(paths, config=None):
    """Lint files and directories; returns a list of ``FileResult``. With ``config`` (a
    ``copylint.config.Config``) every file uses it; without, each file's config is discovered
    walking up from it, as on the command line."""
    from copylint.engine import Linter

    return Linter(config=config).check_paths(list(paths))
