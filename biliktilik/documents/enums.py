from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    """The state of a versioned document. ``superseded``: an approved version replaced by a later
    approved amendment."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for rework")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Superseded by an amendment")


# The states in which the author may still change the document.
EDITABLE = frozenset({DocumentStatus.DRAFT, DocumentStatus.RETURNED})

# What may follow what: the default transitions of a document type.
DEFAULT_TRANSITIONS: dict[str, frozenset[str]] = {
    DocumentStatus.DRAFT: frozenset({DocumentStatus.SUBMITTED}),
    DocumentStatus.RETURNED: frozenset({DocumentStatus.SUBMITTED}),
    DocumentStatus.SUBMITTED: frozenset(
        {DocumentStatus.APPROVED, DocumentStatus.RETURNED, DocumentStatus.REJECTED, DocumentStatus.DRAFT}
    ),
    DocumentStatus.APPROVED: frozenset({DocumentStatus.SUPERSEDED}),
    DocumentStatus.REJECTED: frozenset(),
    DocumentStatus.SUPERSEDED: frozenset(),
}
