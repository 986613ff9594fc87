"""What every versioned document shares, and the numbered registers documents take numbers from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from biliktilik.core.models import PublicModel


class Versioned(PublicModel):
    """A document kept in versions: an amendment is a new row pointing at the version it amends;
    the previous version is kept as it was."""

    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    amendment_reason = models.TextField(_("reason for the amendment"), blank=True)

    class Meta:
        abstract = True
