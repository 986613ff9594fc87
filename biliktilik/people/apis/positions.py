"""API of positions (PEO-01)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import generics

from ..models import Position
from .common import positions_for_api
from .filters import PositionFilter
from .serializers import PositionSerializer

# --- views: positions ----------------------------------------------------------------------


class PositionListApi(generics.ListAPIView):
    """Positions of the shared catalogue and of the organisations the user sees."""

    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    ordering_fields = ["code", "sort_order", "name_kk"]

    def get_queryset(self) -> QuerySet[Position]:
        return positions_for_api(self.request.user)


class PositionDetailApi(generics.RetrieveAPIView):
    serializer_class = PositionSerializer

    def get_queryset(self) -> QuerySet[Position]:
        return positions_for_api(self.request.user)
