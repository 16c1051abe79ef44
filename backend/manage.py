#!/usr/bin/env python
"""Django's command-line utility for QR-Entry."""

import sys


def main() -> None:
    from config import local_state

    local_state.configure()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
