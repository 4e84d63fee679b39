"""Model files shipped inside the package (read with importlib.resources): ``wordfit/``, the
word-fit model of the garble rules (copylint/wordfit.py; trained by training/garble)."""
