"""Showing results to a person: the terminal view (``terminal``), the CI step summary (``markdown``), and
what every writer uses on text a student controls (``safe_text``)."""
