"""Showing results to a person: the terminal view (``terminal``), the CI step summary (``markdown``), the
class report (``report``, its charts in ``charts``), and what every writer uses on text a student controls
(``safe_text``)."""
