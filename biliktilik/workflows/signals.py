"""The hook other apps subscribe to, to hear about approval runs (e.g. to notify people).

``run_changed`` is sent once per change, only after the transaction that made it has
committed (so a receiver never sees a change that was rolled back), with these arguments:

* ``sender``: the ``Run`` class;
* ``run``: the run, as saved;
* ``event``: a ``RunEvent`` value (started, advanced, approved, returned, rejected, cancelled);
* ``decision``: the ``Decision`` row that caused it, or None when the run was started;
* ``actor``: the user who acted.

Receivers must not change the run, and a failing receiver is only logged. The owning app does
not listen here: it reacts to the outcome (e.g. marks its plan approved) through the hooks it
registered (``workflows.hooks``), called inside the decision's own transaction.
"""

from __future__ import annotations

from django.dispatch import Signal

run_changed = Signal()
