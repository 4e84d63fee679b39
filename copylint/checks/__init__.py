"""The rules. Importing this package registers every rule module below."""
from copylint.checks import mechanical, repetition, duplicates, residue  # noqa: F401
from copylint.checks import garble, consistency  # noqa: F401
from copylint.checks import grammar  # noqa: F401
