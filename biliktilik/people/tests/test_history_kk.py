"""The change history of the personal file reads as Kazakh (I18N-01): translated action labels,
the actor's short name, dd.mm.yyyy HH:MM local times, translated field names and values; never a
raw action code, an ISO timestamp or a row id. Every audit action code has a label."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from biliktilik.core.audit import action_label, registered_actions
from biliktilik.people import services
from biliktilik.people.enums import EmploymentEndReason

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RAW_CODE = re.compile(r"\b[a-z_]+\.[a-z_]+\b")
BARE_NUMBER = re.compile(r">\s*\d+\s*<")
TAG = re.compile(r"<[^>]+>")


def _history_section(body: str) -> str:
    start = body.index('id="history"')
    return body[start : body.index("</section>", start)]


@pytest.mark.req("I18N-01")
def test_person_history_in_kazakh_has_no_code_iso_time_or_id(client, world):
    person = world.people["d3_1"]
    hr = world.user("hr_officer")
    services.person_update(actor=hr, person=person, phone="+7 701 000 00 00")
    services.employment_create(
        actor=hr,
        person=person,
        organisation=world.orgs["uni"],
        unit=world.units["hr"],
        position=person.employments.get().position,
        start_date=dt.date(2024, 9, 1),
        rate="0.5",
        is_primary=False,
    )
    employment = person.employments.order_by("start_date").first()
    services.employment_end(
        actor=hr, employment=employment, end_date=dt.date(2024, 8, 31), end_reason=EmploymentEndReason.TERM_ENDED
    )
    client.force_login(world.user("sysadmin"))

    response = client.get(
        reverse("people:person_detail", kwargs={"public_id": person.public_id}), HTTP_ACCEPT_LANGUAGE="kk"
    )

    section = _history_section(response.content.decode())
    text = TAG.sub(" ", section)
    with translation.override("kk"):
        expected = [
            "Жұмыс орны өзгертілді",  # employment.update
            "Жұмыс орны қосылды",  # employment.create
            "Жеке деректер өзгертілді",  # person.update
            "Конкурс мерзімінің аяқталуы",  # a choice by its label
            "31.08.2024",  # a date as dd.mm.yyyy
            "01.09.2024",
            str(world.units["hr"]),  # a foreign key by its name
            hr.person.short_name,  # the actor, short
            timezone.localtime().strftime("%d.%m.%Y"),  # when, in local time
        ]
    for fragment in expected:
        assert fragment in text, fragment
    assert re.search(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", text)
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not RAW_CODE.search(text.replace("+7 701", "")), RAW_CODE.search(text)
    assert not BARE_NUMBER.search(section), BARE_NUMBER.search(section)
    # Field names and action labels are Kazakh (the names of rows come from the test data).
    entries = response.context["history"]
    english = {"Unit", "Organisation", "Position", "Start", "End", "End reason", "Phone", "Rate"}
    assert entries
    assert all(entry.action and "." not in entry.action for entry in entries)
    labels = {change.label for entry in entries for change in entry.changes}
    assert labels
    assert not labels & english, labels & english


def test_every_audit_action_code_in_the_code_has_a_label():
    """Every literal ``action="app.verb"`` an audit call writes is registered (so it never
    shows as a raw code); a code built at run time falls back to its model and last word."""
    root = Path(settings.BASE_DIR) / "biliktilik"
    written = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        written.update(re.findall(r'action="([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert written, "no audit action codes found"
    assert sorted(written - set(registered_actions())) == []


def test_an_unregistered_code_falls_back_to_its_model_and_verb(world):
    from biliktilik.people.models import Employment

    with translation.override("kk"):
        assert action_label("record.verify") == "БА жазбасы тексерілді"
        label = action_label("planning.something.submit", model=Employment)
        assert label.endswith(": жіберілді")
        assert "." not in label
        assert action_label("planning.something.unknown_word") == "Өзгертілді"
