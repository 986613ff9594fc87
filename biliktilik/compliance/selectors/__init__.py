"""Compliance reads (CMP-01..05): one person with explanations, and whole organisations set-based.

``evaluate_person`` and ``organisation_compliance`` are the two engines' entry points; they
must agree (a property test compares them on random histories). The functions taking a
``user`` scope what they return like every other page (SEC-01).

By concept: ``person``, ``organisation`` (the set-based report and who may monitor what),
``lists`` (rows, dashboard, filters), ``participation`` (by staff category)."""

from __future__ import annotations

from .lists import (
    STATUS_ORDER,
    Dashboard,
    RowFilters,
    StaffRow,
    dashboard,
    due_next_year,
    filter_rows,
    main_employments,
    ordered_person_ids,
    overdue,
    staff_rows,
)
from .organisation import (
    ComplianceRow,
    OrganisationReport,
    compliance_area,
    compliance_organisations,
    organisation_compliance,
)
from .participation import ParticipationRow, participation_by_category
from .person import OrganisationResults, PersonCompliance, RecordRow, evaluate_person, person_compliance

__all__ = [
    "ComplianceRow",
    "Dashboard",
    "OrganisationReport",
    "OrganisationResults",
    "ParticipationRow",
    "PersonCompliance",
    "RecordRow",
    "RowFilters",
    "STATUS_ORDER",
    "StaffRow",
    "compliance_area",
    "compliance_organisations",
    "dashboard",
    "due_next_year",
    "evaluate_person",
    "filter_rows",
    "main_employments",
    "ordered_person_ids",
    "organisation_compliance",
    "overdue",
    "participation_by_category",
    "person_compliance",
    "staff_rows",
]
