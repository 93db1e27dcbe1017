"""``python -m eligo`` runs the command line."""

from eligo.cli import main

main()
