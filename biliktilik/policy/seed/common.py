"""What the seeded rule sets share: how a form counts (POL-04), as the flags of ``counted_forms``."""

from __future__ import annotations

# By its academic hours (one activity in a rule counted in activities).
HOURS = {"counts": True, "needs_justification": False, "once_only": False}
# One record counts as the whole requirement (a dissertation defence, KazNRTU-602 6.1).
ONCE = {"counts": True, "needs_justification": False, "once_only": True}
# By its hours, only with a justification approved by the unit head (KazNRTU-602 6.1).
JUSTIFIED = {"counts": True, "needs_justification": True, "once_only": False}

# The PD courses themselves, counted by their hours in every document.
PD_COURSES = {"course_short": HOURS, "course_long": HOURS}
