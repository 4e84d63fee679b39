"""Inconsistencies inside one article: figures that contradict each other for the same quantity, a
count attributed to the wrong side, variant spellings of one name, mixed spellings and house-style
forms, and look-alike names (Iran/Iraq) that both appear.

Every rule here reads the whole article before reporting, and reports the later or minority form
with ``related`` pointing at the other one. One module per kind:

- ``numbers``: ``number-mismatch``, ``wrong-side`` (family consistency-number);
- ``names``: ``name-variant``, ``confusable-name`` (family consistency-name);
- ``spelling``: ``spelling-variant`` (family consistency-spelling), with the British/American
  table in ``rules/spelling_variants.txt`` and house-style groups in ``rules/house_style.toml``.

(The package ``copylint.checks`` imports every module here.)
"""
