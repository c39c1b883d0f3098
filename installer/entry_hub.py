"""PyInstaller entry point of the ``homeseat-hub`` executable (the reference platform)."""

import sys

from homeseat.hub.cli import main

if __name__ == "__main__":
    sys.exit(main())
