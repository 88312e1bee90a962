"""Pure-Python core of Diptych: everything the reader shows is computed here.

Nothing in this package may import Textual or Rich (``tests/test_layering.py`` checks), so
it can be used from scripts, the ``export`` command and tests without a terminal.
"""
