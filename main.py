"""Run Folio from a checkout: ``python main.py …`` is the same as ``folio …``."""

from reader.main import run

if __name__ == "__main__":
    run()
