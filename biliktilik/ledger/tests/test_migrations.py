"""The data migration that drops storage paths from old audit events of uploads."""

from __future__ import annotations

import importlib

from django.apps import apps

from biliktilik.core.audit import audit_trail

from .conftest import make_evidence

migration = importlib.import_module("biliktilik.ledger.migrations.0002_audit_without_storage_paths")


def test_old_upload_events_lose_the_storage_path_and_keep_the_name(world, record):
    evidence = make_evidence(world, record)
    event = audit_trail(evidence).get()
    event.changes = {**event.changes, "file": [None, evidence.file.name]}
    event.save(update_fields=["changes"])

    migration.drop_storage_paths(apps, None)

    event.refresh_from_db()
    assert "file" not in event.changes
    assert event.changes["original_name"] == [None, "certificate.pdf"]
