from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "biliktilik.compliance"
    label = "compliance"
    verbose_name = _("Compliance")

    def ready(self) -> None:
        # The policy app validates rule parameters against the ledger's words; it stands to the
        # left of the ledger and may not import it, so the words are handed to it from here.
        from biliktilik.ledger.enums import DeliveryMode, EvidenceKind, PDForm
        from biliktilik.policy import vocabulary

        vocabulary.register(vocabulary.PD_FORM, PDForm.choices)
        vocabulary.register(vocabulary.DELIVERY_MODE, DeliveryMode.choices)
        vocabulary.register(vocabulary.EVIDENCE_KIND, EvidenceKind.choices)
