"""What the seeded rule sets share."""

from __future__ import annotations

# The PD courses themselves, counted by their hours in every document.
PD_COURSES = {"course_short": "hours", "course_long": "hours"}
