"""``python -m copylint``: the ``copylint`` command."""
from copylint.entry import main

main()
