"""PyInstaller entry point of the ``homeseat`` executable (the agent desktop and its tools)."""

import sys

from homeseat.cli import main

if __name__ == "__main__":
    sys.exit(main())
