"""load_demo: what it builds, that it is deterministic, and that it refuses a second load."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation

from biliktilik.accounts.models import RoleGrant, User
from biliktilik.core.access import scope_of
from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.core.roles import Role
from biliktilik.demo.catalogue import POSITIONS
from biliktilik.demo.logins import LOGINS
from biliktilik.demo.planner import REFERENCE_DATE, build_plan, fixed_slots
from biliktilik.demo.selectors import demo_counts, demo_fingerprint, demo_login_rows
from biliktilik.demo.services import demo_load
from biliktilik.org.enums import OfficeKind, OrganisationKind, UnitKind
from biliktilik.org.models import Office, Organisation, Unit
from biliktilik.people.enums import DegreeKind, PedagogueCategory, StaffCategory
from biliktilik.people.iin import birth_date, is_valid_iin
from biliktilik.people.models import (
    AcademicDegree,
    Employment,
    Graduation,
    Person,
    QualificationCategory,
    TeachingAssignment,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.shared_data import dataset_fixture, shared_dataset

SMALL = 60


def load(staff: int = SMALL, *args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", "--staff", str(staff), "--today", REFERENCE_DATE.isoformat(), *args, stdout=out)
    return out.getvalue()


@shared_dataset("demo_small")
def build_small_demo() -> str:
    """The demo at SMALL staff, loaded once and shared by the tests that only read it."""
    return load()


demo_small = dataset_fixture("demo_small")


@pytest.fixture
def demo(demo_small: str) -> str:
    return demo_small


def org(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


# --- organisations and structure ------------------------------------------------------------------


@pytest.mark.req("ORG-01")
def test_every_organisation_kind_stands_in_the_authority_tree(demo: str) -> None:
    # Given the demo data
    # Then there is one organisation of every kind
    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    assert kinds == Counter({**dict.fromkeys(OrganisationKind.values, 1), OrganisationKind.UNIVERSITY: 3})
    # And each organisation stands below the authority above it
    parents = {}
    for organisation in Organisation.objects.all():
        parent = Organisation.objects.get_parent(organisation)
        parents[organisation.code] = parent.code if parent else ""
    assert parents == {
        "ministry": "",
        "almaty-region": "ministry",
        "ile-district": "almaty-region",
        "balbobek": "ile-district",
        "iecd": "almaty-region",
        "qonaev-college": "almaty-region",
        "alatau-tech": "ministry",
        "karatau-medical": "ministry",
        "irtysh-free": "ministry",
    }
    assert org("ministry").name_kk == "Қазақстан Республикасының Оқу-ағарту министрлігі"
    assert org("iecd").name_en == "Institute of Early Childhood Development"


@pytest.mark.req("ORG-02")
def test_universities_have_a_tree_of_institutes_departments_and_services(demo: str) -> None:
    tech = org("alatau-tech")
    # Institutes hold departments (кафедра)
    institute = Unit.objects.get(organisation=tech, code="IAIT")
    assert institute.kind == UnitKind.INSTITUTE
    assert [(u.code, u.kind) for u in Unit.objects.get_children(institute)] == [
        ("SE", UnitKind.DEPARTMENT),
        ("CYB", UnitKind.DEPARTMENT),
        ("AUT", UnitKind.DEPARTMENT),
    ]
    # And every unit kind is used somewhere
    assert sorted(set(Unit.objects.values_list("kind", flat=True))) == sorted(UnitKind.values)
    # And every unit has its names in three languages
    assert not Unit.objects.filter(name_ru="").exists()
    assert not Unit.objects.filter(name_en="").exists()


@pytest.mark.req("ORG-03")
def test_named_offices_of_each_university(demo: str) -> None:
    expected = {
        "alatau-tech": set(OfficeKind.values),
        "karatau-medical": set(OfficeKind.values),
        "irtysh-free": set(OfficeKind.values) - {OfficeKind.MANAGEMENT_OFFICE},
    }
    for code, kinds in expected.items():
        assert set(Office.objects.filter(organisation__code=code).values_list("kind", flat=True)) == kinds, code
    # Every office names a unit of its own organisation
    for office in Office.objects.select_related("unit"):
        assert office.unit is not None
        assert office.unit.organisation_id == office.organisation_id
    # The PD centres carry the names of their regulations
    pd_free = Office.objects.get(organisation__code="irtysh-free", kind=OfficeKind.PD_CENTRE)
    assert pd_free.title_en == "Centre for Service and Personal Development"
    assert pd_free.title_kk == "Қызмет пен тұлғаны дамыту орталығы"
    pd_medical = Office.objects.get(organisation__code="karatau-medical", kind=OfficeKind.PD_CENTRE)
    assert pd_medical.title_en == "Centre of Competence and Additional Professional Education"
    assert Office.objects.get(organisation__code="alatau-tech", kind=OfficeKind.HR).unit.name_kk == "HR қызметі"


# --- people ---------------------------------------------------------------------------------------


@pytest.mark.req("PEO-02")
def test_staff_of_every_category_even_when_small(demo: str) -> None:
    current = Employment.objects.filter(end_date__isnull=True)
    assert sorted(set(current.values_list("category", flat=True))) == sorted(StaffCategory.values)


@pytest.mark.req("PEO-03")
def test_every_catalogue_position_is_held_by_someone(db: Any) -> None:
    # Given a demo of the default size
    load(400)
    # Then every position of the catalogue has a current holder
    held = set(Employment.objects.filter(end_date__isnull=True).values_list("position__code", flat=True))
    assert held == {spec.code for spec in POSITIONS}
    # And the staff count is exactly the one asked for
    assert Employment.objects.filter(is_primary=True, end_date__isnull=True).count() == 400


def test_small_sizes_keep_every_post(demo: str) -> None:
    # Heads and the people behind the logins are never dropped, so a small size gives the posts
    assert Employment.objects.filter(is_primary=True, end_date__isnull=True).count() == len(fixed_slots())
    assert len(fixed_slots()) > SMALL


@pytest.mark.req("PEO-05")
def test_faculty_have_competitions_degrees_and_pedagogues_categories(demo: str) -> None:
    # Faculty and research staff of universities were hired by competition, for a term
    hired = Employment.objects.filter(
        organisation__kind=OrganisationKind.UNIVERSITY,
        category__in=[StaffCategory.FACULTY, StaffCategory.RESEARCH],
        is_primary=True,
        end_date__isnull=True,
    )
    assert hired.count() > 30
    assert not hired.filter(competition_date__isnull=True).exists()
    assert set(hired.values_list("competition_term_years", flat=True)) <= {1, 3, 5}
    for job in hired:
        assert job.competition_date is not None
        assert job.start_date <= job.competition_date <= REFERENCE_DATE
    # Degrees of candidate, doctor and PhD are held
    kinds = set(AcademicDegree.objects.values_list("kind", flat=True))
    assert {DegreeKind.CANDIDATE, DegreeKind.DOCTOR, DegreeKind.PHD} <= kinds
    # Every college and pre-school pedagogue has a valid qualification category
    pedagogues = Person.objects.filter(
        employments__category__in=[
            StaffCategory.COLLEGE_FACULTY,
            StaffCategory.PRESCHOOL_HEAD,
            StaffCategory.PRESCHOOL_METHODOLOGIST,
            StaffCategory.PRESCHOOL_TEACHER,
        ]
    ).distinct()
    assert pedagogues.count() >= 10
    for person in pedagogues:
        latest = person.qualification_categories.first()
        assert latest is not None, person
        assert latest.category in PedagogueCategory.values
        assert latest.valid_until == latest.awarded_on.replace(year=latest.awarded_on.year + 5)


def test_several_employments_and_ended_ones(db: Any) -> None:
    load(400)
    # A second, part-time job in another organisation (PEO-01)
    second = Employment.objects.filter(is_primary=False, end_date__isnull=True)
    assert second.exists()
    for job in second:
        main = Employment.objects.get(person=job.person, is_primary=True, end_date__isnull=True)
        assert job.organisation_id != main.organisation_id
        assert job.rate < 1
    # Ended employments say why they ended, and end before the current job starts
    ended = Employment.objects.filter(end_date__isnull=False)
    assert ended.exists()
    assert not ended.filter(end_reason="").exists()
    # Former staff have only ended employments
    former = Person.objects.filter(employments__isnull=False).exclude(employments__end_date__isnull=True)
    assert former.count() == 8


def test_faculty_teach_disciplines_of_their_department_profile(demo: str) -> None:
    employee = User.objects.get(username="employee").person
    assert employee is not None
    teaching = TeachingAssignment.objects.filter(person=employee, valid_to__isnull=True)
    assert teaching.exists()
    assert {t.discipline.profile_en for t in teaching} == {"Software engineering"}


@pytest.mark.req("PEO-07")
def test_alumni_of_the_free_university_include_people_who_are_not_staff(demo: str) -> None:
    free = org("irtysh-free")
    alumni = Person.objects.filter(graduations__organisation=free).distinct()
    not_staff = alumni.filter(employments__isnull=True)
    assert not_staff.count() >= 9
    for grad in Graduation.objects.filter(organisation=free):
        assert grad.programme[:2] in ("6B", "7M")
        assert grad.level in ("бакалавр", "магистр")
        assert grad.year <= REFERENCE_DATE.year


def test_every_iin_is_valid_and_matches_birth_date_and_sex(demo: str) -> None:
    people = list(Person.objects.all())
    assert len(people) == len({p.iin for p in people})
    for person in people:
        assert is_valid_iin(person.iin), person.iin
        assert birth_date(person.iin) == person.birth_date
        assert int(person.iin[6]) % 2 == (0 if person.sex == "f" else 1), person.iin
        assert person.search_name == person.full_name.lower()


def test_names_use_kazakh_letters_and_female_forms(db: Any) -> None:
    load(400)
    text = " ".join(Person.objects.values_list("search_name", flat=True))
    for letter in "әғқңөұүһі":
        assert letter in text, letter
    women = Person.objects.filter(sex="f", last_name__endswith="ов")
    assert not women.exists()
    assert Person.objects.filter(sex="f", middle_name__endswith="қызы").exists()
    assert Person.objects.filter(sex="m", middle_name__endswith="ұлы").exists()


# --- logins ---------------------------------------------------------------------------------------


def test_one_login_per_role_with_a_fitting_person(demo: str) -> None:
    grants = {g.user.username: g for g in RoleGrant.objects.select_related("user", "organisation", "unit")}
    assert sorted(g.role for g in grants.values()) == sorted(
        [*Role.values, Role.AUTHORITY_OFFICER]  # a region officer and a ministry officer
    )
    assert sorted(grants) == sorted(spec.username for spec in LOGINS)
    for username, grant in grants.items():
        user = grant.user
        assert user.check_password("demo"), username
        if username == "admin":
            assert (user.is_superuser, user.is_staff, user.person_id) == (True, True, None)
            continue
        assert (user.is_superuser, user.is_staff) == (False, False)
        assert user.person is not None
        main = Employment.objects.get(person=user.person, is_primary=True, end_date__isnull=True)
        assert main.organisation_id == grant.organisation_id, username
    # The unit head heads the department the grant names; the institute director the institute
    unit_head = grants["unit_head"]
    assert unit_head.unit is not None
    assert unit_head.unit.kind == UnitKind.DEPARTMENT
    assert Employment.objects.get(person=unit_head.user.person, is_primary=True).position.code == "head_of_department"
    director = grants["institute_director"]
    assert director.unit is not None
    assert director.unit.kind == UnitKind.INSTITUTE
    assert grants["employee"].user.person.employments.get(is_primary=True).unit_id == unit_head.unit_id
    assert Unit.objects.get_parent(unit_head.unit) == director.unit
    # Authority officers sit in the region and in the authorised body
    assert grants["region"].organisation.kind == OrganisationKind.REGIONAL_DEPARTMENT
    assert grants["ministry"].organisation.kind == OrganisationKind.AUTHORISED_BODY
    assert grants["provider"].organisation.kind == OrganisationKind.PROVIDER
    assert grants["trainer"].user.person.employments.get(is_primary=True).position.code == "trainer"
    assert grants["rector"].user.person.employments.get(is_primary=True).position.code == "rector"


def test_the_hr_officer_sees_the_whole_university_and_the_region_officer_its_organisations(demo: str) -> None:
    hr = scope_of(User.objects.get(username="hr"))
    assert hr.organisation_ids == frozenset({org("alatau-tech").pk})
    region = scope_of(User.objects.get(username="region"))
    assert region.organisation_ids == frozenset(
        Organisation.objects.filter(
            code__in=["almaty-region", "ile-district", "balbobek", "iecd", "qonaev-college"]
        ).values_list("pk", flat=True)
    )


def test_load_prints_the_table_of_logins(db: Any) -> None:
    output = load(SMALL, "--password", "Secret-2025")
    for spec in LOGINS:
        assert f" {spec.username} " in output
    assert output.count("Secret-2025") == len(LOGINS)
    assert User.objects.get(username="hr").check_password("Secret-2025")


def test_demo_logins_shows_the_password_only_while_it_opens_the_logins(demo: str) -> None:
    rows = demo_login_rows("demo")
    assert [r.username for r in rows] == [spec.username for spec in LOGINS]
    assert {r.password for r in rows} == {"demo"}
    # Given the HR officer changed their password
    hr = User.objects.get(username="hr")
    hr.set_password("another")
    hr.save()
    rows = {r.username: r.password for r in demo_login_rows("demo")}
    assert rows["hr"] == ""
    assert rows["rector"] == "demo"
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert " hr " in out.getvalue()


def test_demo_logins_without_demo_data(db: Any) -> None:
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "load_demo" in out.getvalue()
    assert demo_login_rows("demo") == []


# --- determinism and refusals ---------------------------------------------------------------------


def _fingerprint_of_a_fresh_load(staff: int) -> str:
    """Load into the empty database inside a savepoint, take the fingerprint, roll back."""
    assert not Organisation.objects.exists()
    sid = transaction.savepoint()
    demo_load(staff=staff, today=REFERENCE_DATE)
    fingerprint = demo_fingerprint()
    transaction.savepoint_rollback(sid)
    return fingerprint


def test_two_loads_into_fresh_databases_give_the_same_data(db: Any) -> None:
    first = _fingerprint_of_a_fresh_load(SMALL)
    second = _fingerprint_of_a_fresh_load(SMALL)
    assert first == second
    # And the fingerprint does see the content: another size gives other data
    assert _fingerprint_of_a_fresh_load(200) != first


def _plan_rows(staff: int) -> list[tuple[str, ...]]:
    return [
        (
            p.iin,
            p.last_name,
            p.first_name,
            p.middle_name,
            p.birth_date.isoformat(),
            *(f"{e.org}/{e.unit}/{e.start}/{e.end}" for e in p.employments),
        )
        for p in build_plan(staff).people
    ]


def test_the_same_people_whatever_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given the plan made today
    first = _plan_rows(SMALL)

    class LaterDate(dt.date):
        @classmethod
        def today(cls) -> LaterDate:
            return cls(2031, 3, 9)

    # When the clock says another day
    monkeypatch.setattr(dt, "date", LaterDate)
    # Then the plan is the same
    assert _plan_rows(SMALL) == first


def test_a_second_load_is_refused_and_changes_nothing(demo: str) -> None:
    before = demo_counts()
    with translation.override("en"), pytest.raises(CommandError, match="already has organisations"):
        load()
    assert demo_counts() == before


def test_force_only_reports_that_the_demo_is_loaded(demo: str) -> None:
    before = demo_counts()
    with translation.override("en"):
        output = load(SMALL, "--force")
    assert output.splitlines() == ["Demo data already loaded."]
    assert demo_counts() == before


def test_force_on_other_data_loads_nothing(db: Any) -> None:
    OrganisationFactory(code="someone-else")
    with translation.override("en"):
        output = load(SMALL, "--force")
    assert output.splitlines() == ["The database already has organisations; nothing loaded."]
    assert Organisation.objects.count() == 1
    assert not Person.objects.exists()


def test_refuses_any_database_with_organisations(db: Any) -> None:
    OrganisationFactory(code="someone-else")
    with pytest.raises(ApplicationError) as caught:
        demo_load(staff=SMALL, today=REFERENCE_DATE)
    assert caught.value.code == ErrorCode.CONFLICT
    assert Organisation.objects.count() == 1
    assert not Person.objects.exists()


def test_refuses_when_a_demo_username_is_taken_and_writes_nothing(db: Any) -> None:
    UserFactory(username="rector")
    with pytest.raises(ApplicationError) as caught:
        demo_load(staff=SMALL, today=REFERENCE_DATE)
    assert caught.value.code == ErrorCode.CONFLICT
    assert "rector" in caught.value.message
    assert not Organisation.objects.exists()
    assert User.objects.count() == 1


@pytest.mark.parametrize("staff", [0, -5, 200_001], ids=["zero", "negative", "too-many"])
def test_refuses_a_wrong_size(db: Any, staff: int) -> None:
    with pytest.raises(ApplicationError) as caught:
        demo_load(staff=staff, today=REFERENCE_DATE)
    assert caught.value.field == "staff"
    assert not Organisation.objects.exists()


def test_audit_events_for_the_structure_and_the_people_behind_logins(demo: str) -> None:
    from biliktilik.core.models import AuditEvent

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"organisation.create", "unit.create", "office.create", "person.create", "employment.create"} <= actions
    assert AuditEvent.objects.filter(action="organisation.create").count() == Organisation.objects.count()
    assert AuditEvent.objects.filter(action="person.create").count() == len(LOGINS) - 1
    assert QualificationCategory.objects.exists()
