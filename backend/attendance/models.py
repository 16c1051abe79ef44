"""The scan log arrives with the check-in issue (#4)."""
