"""API of people (PEO-02); the IIN masked or in full, full reads logged (SEC-03)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from biliktilik.core.api.schema import error_responses
from biliktilik.core.errors import ApplicationError, ErrorCode

from ..models import Person
from ..permissions import StaffEditorOrReadOnly
from ..selectors import person_edit_organisation_id
from ..services import (
    person_create,
    person_update,
)
from .common import (
    _log_full_reads,
    persons_for_api,
)
from .filters import PersonFilter
from .serializers import (
    PersonCreateInputSerializer,
    PersonSerializer,
    PersonUpdateInputSerializer,
)

# --- views: people -------------------------------------------------------------------------


class PersonListApi(generics.ListAPIView):
    """People the user may see; HR officers and administrators may add a person."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    permission_classes = [StaffEditorOrReadOnly]
    ordering_fields = ["last_name", "first_name", "birth_date"]

    def get_queryset(self) -> QuerySet[Person]:
        return persons_for_api(self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        persons = list(page if page is not None else queryset)
        _log_full_reads(request, persons)
        data = self.get_serializer(persons, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        request=PersonCreateInputSerializer,
        responses={status.HTTP_201_CREATED: PersonSerializer, **error_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        serializer = PersonCreateInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        person = person_create(actor=request.user, organisation=data.pop("organisation"), **data)
        person.iin_open = True  # type: ignore[attr-defined]  # the actor has just typed it in
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetailApi(generics.RetrieveAPIView):
    serializer_class = PersonSerializer
    permission_classes = [StaffEditorOrReadOnly]
    lookup_field = "public_id"

    def get_queryset(self) -> QuerySet[Person]:
        return persons_for_api(self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.get_object()
        _log_full_reads(request, [person])
        return Response(self.get_serializer(person).data)

    @extend_schema(
        request=PersonUpdateInputSerializer,
        responses={status.HTTP_200_OK: PersonSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, public_id: Any) -> Response:
        person = self.get_object()
        if person_edit_organisation_id(request.user, person) is None:  # before the input is read
            raise ApplicationError(_("You may not change this person's record."), code=ErrorCode.PERMISSION_DENIED)
        serializer = PersonUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        person_update(actor=request.user, person=person, **serializer.validated_data)
        updated = self.get_queryset().get(pk=person.pk)
        _log_full_reads(request, [updated])
        return Response(PersonSerializer(updated).data)
