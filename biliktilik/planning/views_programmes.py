"""Pages of PD-centre programmes and internal courses (PLN-05, PLN-07). Thin: each picks a
selector or calls one service."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biliktilik.core.errors import ApplicationError, ErrorCode
from biliktilik.people.models import Person

from . import programmes
from .forms import DecisionForm, DirectionForm, ProgrammeForm, TopicForm, TrainerForm
from .models import PDProgramme, ProgrammeTopic, RequestEntry, TopicStatus


def _error(request: HttpRequest, exc: ApplicationError) -> None:
    messages.error(request, str(exc.message))
    if exc.code == ErrorCode.PERMISSION_DENIED:
        raise PermissionDenied(str(exc.message))


def _invalid(request: HttpRequest, form: object) -> None:
    errors = getattr(form, "errors", None)
    messages.error(request, _("Check the form: %(errors)s") % {"errors": errors.as_text() if errors else ""})


def _uuid(value: str | None) -> UUID | None:
    try:
        return UUID(value or "")
    except ValueError:
        return None


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "planning/programme_list.html",
        {
            "programmes": list(programmes.programme_list(request.user)),
            "organisations": list(programmes.programme_organisations_for(request.user)),
            "form": ProgrammeForm(initial={"year": timezone.localdate().year}),
        },
    )


@login_required
@require_POST
def programme_create(request: HttpRequest) -> HttpResponse:
    public_id = _uuid(request.POST.get("organisation"))
    organisation = (
        programmes.programme_organisations_for(request.user).filter(public_id=public_id).first() if public_id else None
    )
    if organisation is None:
        raise PermissionDenied(_("You may not draw up a PD programme for this organisation."))
    form = ProgrammeForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return redirect("planning:programme_list")
    try:
        programme = programmes.programme_create(actor=request.user, organisation=organisation, **form.cleaned_data)
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("planning:programme_list")
    return redirect("planning:programme_detail", public_id=programme.public_id)


def _programme_or_404(request: HttpRequest, public_id: UUID) -> PDProgramme:
    programme = programmes.programme_get(request.user, public_id=public_id)
    if programme is None:
        raise Http404(_("No such programme."))
    return programme


@login_required
def programme_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    programme = _programme_or_404(request, public_id)
    return render(
        request,
        "planning/programme_detail.html",
        {
            "programme": programme,
            "directions": programmes.programme_directions(programme),
            "manager": programmes.may_manage_programmes(request.user, programme.organisation_id),
            "direction_form": DirectionForm(),
            "topic_form": TopicForm(),
        },
    )


@login_required
@require_POST
def programme_action(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    programme = _programme_or_404(request, public_id)
    try:
        if action == "direction_add":
            form = DirectionForm(request.POST)
            if form.is_valid():
                programmes.direction_add(actor=request.user, programme=programme, title=form.cleaned_data["title"])
            else:
                _invalid(request, form)
        elif action == "direction_remove":
            direction = programme.directions.filter(pk=_int(request.POST.get("direction"))).first()
            if direction is None:
                raise Http404(_("No such direction."))
            programmes.direction_remove(actor=request.user, direction=direction)
        elif action == "topic_add":
            topic_form = TopicForm(request.POST)
            if not topic_form.is_valid():
                _invalid(request, topic_form)
                return redirect("planning:programme_detail", public_id=programme.public_id)
            data = dict(topic_form.cleaned_data)
            direction = programme.directions.filter(pk=data.pop("direction")).first()
            if direction is None:
                raise Http404(_("No such direction."))
            topic = programmes.topic_add(actor=request.user, direction=direction, **data)
            return redirect("planning:topic_detail", public_id=topic.public_id)
        else:
            raise Http404(_("No such action."))
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("planning:programme_detail", public_id=programme.public_id)


def _topic_or_404(request: HttpRequest, public_id: UUID) -> ProgrammeTopic:
    topic = programmes.topic_get(request.user, public_id=public_id)
    if topic is None:
        raise Http404(_("No such topic."))
    return topic


@login_required
def topic_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    topic = _topic_or_404(request, public_id)
    organisation_id = topic.direction.programme.organisation_id
    manager = programmes.may_manage_programmes(request.user, organisation_id)
    planned = topic.status == TopicStatus.PLANNED
    view = programmes.topic_view(request.user, topic)
    return render(
        request,
        "planning/programme_topic.html",
        {
            "view": view,
            "topic": topic,
            "programme": topic.direction.programme,
            "manager": manager,
            "planned": planned,
            "may_complete": manager and planned and topic.end_date <= timezone.localdate(),
            "apply_staff": programmes.request_staff_for(request.user, organisation_id) if planned else [],
            "staff": programmes.organisation_staff(organisation_id) if manager and planned else [],
            "trainer_form": TrainerForm(),
        },
    )


def _person(request: HttpRequest, topic: ProgrammeTopic, field: str) -> Person | None:
    """A person of the topic's organisation chosen on the page (by public id)."""
    public_id = _uuid(request.POST.get(field))
    if public_id is None:
        return None
    organisation_id = topic.direction.programme.organisation_id
    return next((p for p in programmes.organisation_staff(organisation_id) if p.public_id == public_id), None)


def _trainer_add(request: HttpRequest, topic: ProgrammeTopic) -> None:
    form = TrainerForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return
    programmes.trainer_add(
        actor=request.user,
        topic=topic,
        role=form.cleaned_data["role"],
        category=form.cleaned_data["category"],
        name=form.cleaned_data["name"],
        person=_person(request, topic, "person"),
    )


def _trainer_remove(request: HttpRequest, topic: ProgrammeTopic) -> None:
    trainer = topic.trainers.filter(pk=_int(request.POST.get("trainer"))).first()
    if trainer is None:
        raise Http404(_("No such lecturer or moderator."))
    programmes.trainer_remove(actor=request.user, trainer=trainer)


def _listener_add(request: HttpRequest, topic: ProgrammeTopic) -> None:
    person = _person(request, topic, "person")
    if person is None:
        messages.error(request, _("Choose a person of the organisation."))
        return
    programmes.listener_add(actor=request.user, topic=topic, person=person)


def _listener_remove(request: HttpRequest, topic: ProgrammeTopic) -> None:
    listener = topic.listeners.filter(pk=_int(request.POST.get("listener"))).first()
    if listener is None:
        raise Http404(_("No such listener."))
    programmes.listener_remove(actor=request.user, listener=listener)


def _request_submit(request: HttpRequest, topic: ProgrammeTopic) -> None:
    staff = programmes.request_staff_for(request.user, topic.direction.programme.organisation_id)
    unit = next((e.unit for e in staff if str(e.unit.public_id) == request.POST.get("unit")), None)
    if unit is None:
        raise PermissionDenied(_("You may apply only for the staff of a unit you head."))
    chosen = set(request.POST.getlist("persons"))
    persons = [e.person for e in staff if str(e.person.public_id) in chosen]
    programmes.request_submit(
        actor=request.user, topic=topic, unit=unit, persons=persons, note=request.POST.get("note", "")
    )
    messages.success(request, _("The request is submitted."))


def _entry_decide(request: HttpRequest, topic: ProgrammeTopic) -> None:
    decision = DecisionForm(request.POST)
    if not decision.is_valid():
        _invalid(request, decision)
        return
    entry = (
        RequestEntry.objects.filter(pk=decision.cleaned_data["entry"], request__topic=topic)
        .select_related("request__topic")
        .first()
    )
    if entry is None:
        raise Http404(_("No such request."))
    programmes.entry_decide(
        actor=request.user,
        entry=entry,
        accept=decision.cleaned_data["decision"] == "accept",
        reason=decision.cleaned_data["reason"],
    )


def _complete(request: HttpRequest, topic: ProgrammeTopic) -> None:
    attended = [_int(v) for v in request.POST.getlist("attended")]
    programmes.topic_record_completion(actor=request.user, topic=topic, attended_person_ids=attended)
    messages.success(request, _("The completion is recorded in the PD records."))


# The actions on a topic (the last part of its action URL) and what each does.
_TOPIC_ACTIONS: dict[str, Callable[[HttpRequest, ProgrammeTopic], None]] = {
    "trainer_add": _trainer_add,
    "trainer_remove": _trainer_remove,
    "listener_add": _listener_add,
    "listener_remove": _listener_remove,
    "apply": _request_submit,
    "decide": _entry_decide,
    "complete": _complete,
}


def _topic_write(request: HttpRequest, topic: ProgrammeTopic, action: str) -> None:
    handler = _TOPIC_ACTIONS.get(action)
    if handler is None:
        raise Http404(_("No such action."))
    handler(request, topic)


@login_required
@require_POST
def topic_action(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    topic = _topic_or_404(request, public_id)
    try:
        _topic_write(request, topic, action)
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("planning:topic_detail", public_id=topic.public_id)
