"""Programmes of the PD centre and internal courses (PLN-05, PLN-07; KAFU-2025 3): writes and reads.

A programme of an organisation's PD centre for a year has directions; each direction has topics
(an internal course: form, dates, hours, capacity) with lecturers and moderators and the listeners
who must attend. Units apply for places: the head of a unit (or HR) lists staff of the unit for a
topic, and the PD centre accepts or declines each person, within the topic's capacity; accepted
people become listeners. When a topic is over, the PD centre records who attended, and each of
them gets a verified PD record in the ledger (through ``ledger.services.record_create``).

HR and PD-centre officers of the organisation (and the system administrator) manage programmes.
Staff of the organisation see the programme; who sees listeners and requests follows the
usual scope: the organisation whole, a unit's subtree, oneself.

By concept: ``common`` (who may do what, shared checks), ``programmes`` (programmes and
directions), ``topics`` (topics, lecturers and moderators), ``listeners`` (listeners, units'
requests, completion), ``selectors`` (reads). The public names are re-exported here.
"""

from .common import (
    MAX_CAPACITY,
    REQUESTER_ROLES,
    may_apply_for,
    may_manage_programmes,
)
from .listeners import (
    entry_decide,
    listener_add,
    listener_remove,
    request_submit,
    topic_record_completion,
)
from .programmes import (
    direction_add,
    direction_remove,
    programme_create,
)
from .selectors import (
    TopicView,
    organisation_staff,
    programme_directions,
    programme_get,
    programme_list,
    programme_organisations_for,
    programmes_visible_to,
    request_staff_for,
    request_units_for,
    topic_get,
    topic_view,
)
from .topics import (
    topic_add,
    topic_remove,
    trainer_add,
    trainer_remove,
)

__all__ = [
    "MAX_CAPACITY",
    "REQUESTER_ROLES",
    "TopicView",
    "direction_add",
    "direction_remove",
    "entry_decide",
    "listener_add",
    "listener_remove",
    "may_apply_for",
    "may_manage_programmes",
    "organisation_staff",
    "programme_create",
    "programme_directions",
    "programme_get",
    "programme_list",
    "programme_organisations_for",
    "programmes_visible_to",
    "request_staff_for",
    "request_submit",
    "request_units_for",
    "topic_add",
    "topic_get",
    "topic_record_completion",
    "topic_remove",
    "topic_view",
    "trainer_add",
    "trainer_remove",
]
