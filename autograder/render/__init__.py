"""Showing results to a person: the terminal view (``terminal``)."""
