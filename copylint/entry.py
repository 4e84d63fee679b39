"""The ``copylint`` command's entry point (``python -m copylint`` too).

``copylint server``, as an editor starts it, goes straight to the language server: the command
line's own machinery (typer, and building its commands to parse the arguments) costs 0.12 s of CPU
before the server could start loading its models, on a start the editor waits for. Everything else,
``copylint server --help`` included, goes through the command line (``copylint.cli``). Both run
under ``run``: the same exit codes and one-line errors.
"""
from __future__ import annotations

import sys

from copylint.exitcodes import INTERNAL, INTERRUPTED, OK


def _terminated(signum, _frame):
    """SIGTERM (a CI timeout, ``kill``) ends the run like Ctrl-C: files being written are cleaned up."""
    raise SystemExit(128 + signum)


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def run(command) -> None:
    """Run ``command()`` as the ``copylint`` command: Ctrl-C and SIGTERM end it with their exit codes,
    a closed pipe quietly, and a bug in copylint with one line (the traceback with COPYLINT_DEBUG=1)."""
    import signal
    try:
        signal.signal(signal.SIGTERM, _terminated)
    except (ValueError, OSError):  # not the main thread
        pass
    try:
        command()
    except KeyboardInterrupt:
        _say("copylint: interrupted")
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        sys.exit(OK)
    except Exception as exc:  # a bug in copylint: one line, the traceback only on request
        import os
        if os.environ.get("COPYLINT_DEBUG"):
            raise
        _say(f"copylint: internal error: {type(exc).__name__}: {exc} (set COPYLINT_DEBUG=1 for the traceback)")
        sys.exit(INTERNAL)


def main() -> None:
    if sys.argv[1:] == ["server"]:
        from copylint.preload import serve
        run(serve)
    else:
        from copylint.cli import main as cli_main
        cli_main()


if __name__ == "__main__":
    main()
