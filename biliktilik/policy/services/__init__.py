"""Writes to rule sets and rules. Each one validates first, is atomic, and is audited.

A rule set is written as a draft (rules may be added and corrected), then published. A
published rule is never edited: ``rule_publish_new_version`` closes it and opens its successor.

Split by concept: ``rule_sets`` (create, publish, close, adopt), ``rules`` (create, update,
publish a new version), ``common`` (what both share). Re-exported here.
"""

from .rule_sets import rule_set_adopt, rule_set_close, rule_set_create, rule_set_publish
from .rules import rule_create, rule_publish_new_version, rule_update

__all__ = [
    "rule_create",
    "rule_publish_new_version",
    "rule_set_adopt",
    "rule_set_close",
    "rule_set_create",
    "rule_set_publish",
    "rule_update",
]
