"""copylint: a copy-editing linter for news articles."""

__version__ = "0.1.0"

from copylint.finding import Finding, Related, Severity  # noqa: E402
from copylint.article import Article  # noqa: E402

__all__ = ["Article", "Finding", "Related", "Severity", "__version__", "check_text", "check_paths"]


def check_text(text: str, path: str = "<text>", fmt: str | None = None, config=None):
    """Lint one article given as a string; returns its findings (public library API)."""
    from copylint.engine import Linter

    return Linter(config).check_text(text, path=path, fmt=fmt)


def check_paths(paths, config=None):
    """Lint files and directories; returns a list of FileResult (public library API)."""
    from copylint.engine import Linter

    return Linter(config).check_paths(paths)
