"""Writes to organisations, units and offices: kinds and parents, the trees, idempotent offices, audit."""

from __future__ import annotations

import pytest

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.models import AuditEvent
from biliktilik.org.enums import OfficeKind, OrganisationKind, UnitKind
from biliktilik.org.models import Office, Organisation, Unit
from biliktilik.org.services import office_set, organisation_create, unit_create
from tests.factories import OrganisationFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

K = OrganisationKind


@pytest.fixture
def actor():
    return UserFactory(username="admin-actor", is_superuser=True)


@pytest.fixture
def authorities():
    """authorised body > regional department > district office."""
    body = OrganisationFactory(kind=K.AUTHORISED_BODY, code="ministry")
    region = OrganisationFactory(kind=K.REGIONAL_DEPARTMENT, code="region", parent=body)
    district = OrganisationFactory(kind=K.DISTRICT_OFFICE, code="district", parent=region)
    university = OrganisationFactory(kind=K.UNIVERSITY, code="kafu", parent=body)
    return {"body": body, "region": region, "district": district, "university": university}


# --- organisations ---------------------------------------------------------------------------------


@pytest.mark.req("ORG-01")
@pytest.mark.parametrize(
    ("kind", "parent"),
    [
        pytest.param(K.AUTHORISED_BODY, None, id="authorised-body-at-the-top"),
        pytest.param(K.REGIONAL_DEPARTMENT, "body", id="region-below-the-authorised-body"),
        pytest.param(K.DISTRICT_OFFICE, "region", id="district-below-a-region"),
        pytest.param(K.UNIVERSITY, "body", id="university-below-the-authorised-body"),
        pytest.param(K.COLLEGE, "region", id="college-below-a-region"),
        pytest.param(K.PRESCHOOL, "district", id="preschool-below-a-district"),
        pytest.param(K.PROVIDER, "region", id="provider-below-a-region"),
        pytest.param(K.PROVIDER, None, id="provider-standing-alone"),
        pytest.param(K.UNIVERSITY, None, id="university-standing-alone"),
    ],
)
def test_organisation_kinds_and_the_authorities_above_them(actor, authorities, kind, parent):
    # when
    organisation = organisation_create(
        actor=actor, kind=kind, code="new", name_kk="Жаңа ұйым", parent=authorities[parent] if parent else None
    )
    # then it stands in the tree below its authority
    organisation.refresh_from_db()
    assert organisation.kind == kind
    if parent:
        assert Organisation.objects.get_parent(organisation) == authorities[parent]
        assert organisation.path.startswith(authorities[parent].path)
    else:
        assert organisation.is_root()
    assert organisation.is_authority is (kind in {K.AUTHORISED_BODY, K.REGIONAL_DEPARTMENT, K.DISTRICT_OFFICE})


@pytest.mark.req("ORG-01")
@pytest.mark.parametrize(
    ("kind", "parent"),
    [
        pytest.param(K.REGIONAL_DEPARTMENT, None, id="region-without-an-authority"),
        pytest.param(K.DISTRICT_OFFICE, None, id="district-without-an-authority"),
        pytest.param(K.DISTRICT_OFFICE, "body", id="district-directly-below-the-authorised-body"),
        pytest.param(K.REGIONAL_DEPARTMENT, "region", id="region-below-a-region"),
        pytest.param(K.AUTHORISED_BODY, "body", id="authorised-body-below-another"),
        pytest.param(K.COLLEGE, "university", id="college-below-a-university"),
        pytest.param(K.PRESCHOOL, "university", id="preschool-below-a-university"),
    ],
)
def test_wrong_parents_are_refused(actor, authorities, kind, parent):
    before = (Organisation.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ApplicationError) as caught:
        organisation_create(
            actor=actor, kind=kind, code="new", name_kk="Жаңа", parent=authorities[parent] if parent else None
        )
    assert (caught.value.field, caught.value.code) == ("parent", ErrorCode.VALIDATION)
    assert (Organisation.objects.count(), AuditEvent.objects.count()) == before


def test_an_unknown_kind_is_refused(actor):
    with pytest.raises(ApplicationError) as caught:
        organisation_create(actor=actor, kind="museum", code="museum", name_kk="Мұражай")
    assert caught.value.field == "kind"
    assert not Organisation.objects.exists()


def test_an_organisation_code_is_unique(actor, authorities):
    before = Organisation.objects.count()
    with pytest.raises(ApplicationError) as caught:
        organisation_create(actor=actor, kind=K.COLLEGE, code="kafu", name_kk="Колледж", parent=authorities["body"])
    assert (caught.value.field, caught.value.code, caught.value.status) == ("code", ErrorCode.DUPLICATE, 409)
    assert Organisation.objects.count() == before


@pytest.mark.req("ORG-01")
def test_the_subtree_of_an_authority_is_everything_it_oversees(actor, authorities):
    # given a pre-school below the district and a college below the authorised body
    preschool = organisation_create(
        actor=actor, kind=K.PRESCHOOL, code="bobek", name_kk="Бөбек", parent=authorities["district"]
    )
    organisation_create(actor=actor, kind=K.COLLEGE, code="college", name_kk="Колледж", parent=authorities["body"])
    # then the region's subtree is the region, its district and the pre-school
    region = Organisation.objects.get(code="region")
    below = set(Organisation.objects.filter(path__startswith=region.path).values_list("code", flat=True))
    assert below == {"region", "district", "bobek"}
    assert Organisation.objects.get_ancestors(preschool).count() == 3


@pytest.mark.req("SEC-02")
def test_organisation_create_is_audited(actor, authorities):
    organisation = organisation_create(
        actor=actor,
        kind=K.COLLEGE,
        code="tech",
        name_kk="Техникалық колледж",
        name_ru="Технический колледж",
        city="Өскемен",
        parent=authorities["region"],
    )
    event = AuditEvent.objects.get(action="organisation.create")
    assert (event.actor, event.object_id, event.organisation_id) == (actor, str(organisation.pk), organisation.pk)
    assert event.changes == {
        "kind": [None, "college"],
        "code": [None, "tech"],
        "name_kk": [None, "Техникалық колледж"],
        "name_ru": [None, "Технический колледж"],
        "name_en": [None, ""],
        "short_name": [None, ""],
        "bin": [None, ""],
        "city": [None, "Өскемен"],
        "address": [None, ""],
    }


# --- units -----------------------------------------------------------------------------------------


@pytest.mark.req("ORG-02")
def test_units_form_a_tree_inside_their_organisation(actor, authorities):
    # given
    university = authorities["university"]
    # when
    institute = unit_create(
        actor=actor, organisation=university, kind=UnitKind.INSTITUTE, name_kk="Институт", code="IT"
    )
    department = unit_create(
        actor=actor,
        organisation=university,
        kind=UnitKind.DEPARTMENT,
        name_kk="Кафедра",
        code="IT-1",
        parent=institute,
    )
    division = unit_create(actor=actor, organisation=university, kind=UnitKind.DIVISION, name_kk="Бөлім")
    # then
    assert Unit.objects.get_parent(department) == institute
    assert department.organisation == university
    assert list(Unit.objects.filter(path__startswith=institute.path).order_by("path")) == [institute, department]
    assert division.is_root()
    assert list(AuditEvent.objects.filter(action="unit.create").values_list("object_id", flat=True)) == [
        str(division.pk),
        str(department.pk),
        str(institute.pk),
    ]


def test_a_parent_unit_of_another_organisation_is_refused(actor, authorities):
    foreign = UnitFactory(organisation=authorities["region"])
    before = (Unit.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ApplicationError) as caught:
        unit_create(
            actor=actor, organisation=authorities["university"], kind=UnitKind.DEPARTMENT, name_kk="К", parent=foreign
        )
    assert caught.value.field == "parent"
    assert (Unit.objects.count(), AuditEvent.objects.count()) == before


def test_an_unknown_unit_kind_is_refused(actor, authorities):
    with pytest.raises(ApplicationError) as caught:
        unit_create(actor=actor, organisation=authorities["university"], kind="squad", name_kk="Топ")
    assert caught.value.field == "kind"
    assert not Unit.objects.exists()


def test_a_unit_code_is_unique_within_its_organisation_only(actor, authorities):
    # given a unit coded "HR" in the university
    unit_create(actor=actor, organisation=authorities["university"], kind=UnitKind.DIVISION, name_kk="HR", code="HR")
    # then the same code is refused there
    with pytest.raises(ApplicationError) as caught:
        unit_create(
            actor=actor, organisation=authorities["university"], kind=UnitKind.DIVISION, name_kk="HR 2", code="HR"
        )
    assert (caught.value.field, caught.value.code) == ("code", ErrorCode.DUPLICATE)
    # and accepted in another organisation
    other = unit_create(
        actor=actor, organisation=authorities["region"], kind=UnitKind.DIVISION, name_kk="HR", code="HR"
    )
    assert other.organisation == authorities["region"]
    assert Unit.objects.filter(code="HR").count() == 2


# --- offices ---------------------------------------------------------------------------------------


@pytest.mark.req("ORG-03")
@pytest.mark.req("SEC-02")
def test_office_set_names_the_unit_and_the_own_name_and_is_audited(actor, authorities):
    # given the PD centre unit of the university
    university = authorities["university"]
    centre = UnitFactory(organisation=university, kind=UnitKind.CENTRE)
    # when
    office = office_set(
        actor=actor,
        organisation=university,
        kind=OfficeKind.PD_CENTRE,
        unit=centre,
        title_kk="Қызмет көрсету және жеке даму орталығы",
        title_en="Centre for Service and Personal Development",
    )
    # then
    assert (office.unit, office.kind) == (centre, "pd_centre")
    event = AuditEvent.objects.get(action="office.create")
    assert (event.actor, event.organisation_id) == (actor, university.pk)
    assert event.changes == {
        "unit": [None, centre.pk],
        "title_kk": [None, "Қызмет көрсету және жеке даму орталығы"],
        "title_ru": [None, ""],
        "title_en": [None, "Centre for Service and Personal Development"],
    }


@pytest.mark.req("ORG-03")
def test_office_set_twice_with_the_same_values_changes_and_audits_nothing(actor, authorities):
    university = authorities["university"]
    hr = UnitFactory(organisation=university, kind=UnitKind.SERVICE)
    first = office_set(actor=actor, organisation=university, kind=OfficeKind.HR, unit=hr, title_kk="КҚБ")
    events = AuditEvent.objects.count()
    # when
    second = office_set(actor=actor, organisation=university, kind=OfficeKind.HR, unit=hr, title_kk="КҚБ")
    # then
    assert second.pk == first.pk
    assert Office.objects.filter(organisation=university).count() == 1
    assert AuditEvent.objects.count() == events


@pytest.mark.req("ORG-03")
def test_office_set_with_a_new_unit_records_old_and_new(actor, authorities):
    university = authorities["university"]
    old_unit = UnitFactory(organisation=university, kind=UnitKind.SERVICE)
    new_unit = UnitFactory(organisation=university, kind=UnitKind.DIVISION)
    office_set(actor=actor, organisation=university, kind=OfficeKind.FINANCE, unit=old_unit)
    # when
    office = office_set(actor=actor, organisation=university, kind=OfficeKind.FINANCE, unit=new_unit)
    # then
    office.refresh_from_db()
    assert office.unit == new_unit
    event = AuditEvent.objects.get(action="office.update")
    assert event.changes == {"unit": [old_unit.pk, new_unit.pk]}


@pytest.mark.req("ORG-03")
@pytest.mark.parametrize("kind", list(OfficeKind), ids=lambda k: k.value)
def test_every_named_office_can_be_set(actor, authorities, kind):
    office = office_set(actor=actor, organisation=authorities["university"], kind=kind)
    assert office.kind == kind
    assert office.title == str(kind.label)


def test_office_set_refuses_a_unit_of_another_organisation(actor, authorities):
    foreign = UnitFactory(organisation=authorities["region"])
    with pytest.raises(ApplicationError) as caught:
        office_set(actor=actor, organisation=authorities["university"], kind=OfficeKind.LEGAL, unit=foreign)
    assert caught.value.field == "unit"
    assert not Office.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="office.").exists()


def test_office_set_refuses_an_unknown_kind(actor, authorities):
    with pytest.raises(ApplicationError) as caught:
        office_set(actor=actor, organisation=authorities["university"], kind="canteen")
    assert caught.value.field == "kind"
    assert not Office.objects.exists()


@pytest.mark.parametrize("role", ["hr_officer", "first_head", "authority_officer", "employee"])
def test_only_a_system_administrator_changes_the_structure(world, role):
    from biliktilik.org.models import Organisation, Unit

    before = (Organisation.objects.count(), Unit.objects.count())
    with pytest.raises(ApplicationError) as err:
        unit_create(actor=world.user(role), organisation=world.orgs["uni"], kind="department", name_kk="Жаңа")
    assert err.value.code == "permission_denied"
    assert (Organisation.objects.count(), Unit.objects.count()) == before
