"""copylint's exit codes (the README's table): one name for each, used by the engine and the CLI."""

OK = 0                    # nothing at or above the fail threshold
FINDINGS = 1              # findings at or above the threshold
INPUT_ERROR = 2           # a usage, configuration or input error
INTERNAL = 3              # a bug in copylint (also one met while reading a file)
BACKEND_UNAVAILABLE = 4   # all checked, but a configured grammar backend was unavailable
INTERRUPTED = 130         # Ctrl-C (128 + SIGINT), as shells report it
