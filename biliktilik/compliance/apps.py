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

        # The kinds of rule the compliance engine and the person card read (policy.readers).
        from biliktilik.policy import readers
        from biliktilik.policy.enums import RuleKind

        readers.register(RuleKind.PERIODIC_REQUIREMENT, _("Compliance: status and due dates"))
        readers.register(RuleKind.COUNTED_FORMS, _("Compliance: which records count"))
        readers.register(RuleKind.DUE_SOON_HORIZON, _("Compliance: the due-soon horizon"))
        readers.register(RuleKind.DURATION_CLASSES, _("Compliance: the duration class on the person card"))
