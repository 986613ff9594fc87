"""How each form counts is stored as per-form flags (``counts``, ``needs_justification``,
``once_only``) instead of one word; the one-word values of existing rules are rewritten."""

from django.db import migrations

LEGACY = {
    "hours": {"counts": True, "needs_justification": False, "once_only": False},
    "once": {"counts": True, "needs_justification": False, "once_only": True},
    "needs_justification": {"counts": True, "needs_justification": True, "once_only": False},
}
FLAGS_BACK = {tuple(v.values()): k for k, v in LEGACY.items()}


def _convert(apps, convert):
    Rule = apps.get_model("policy", "Rule")
    for rule in Rule.objects.filter(kind__in=["counted_forms", "periodic_requirement"]).iterator():
        forms = (rule.params or {}).get("forms")
        if not isinstance(forms, dict):
            continue
        new = {form: convert(how) for form, how in forms.items()}
        if new != forms:
            rule.params = {**rule.params, "forms": new}
            rule.save(update_fields=["params"])


def forwards(apps, schema_editor):
    _convert(apps, lambda how: LEGACY.get(how, how) if isinstance(how, str) else how)


def backwards(apps, schema_editor):
    def back(how):
        if isinstance(how, dict):
            key = (how.get("counts", True), how.get("needs_justification", False), how.get("once_only", False))
            return FLAGS_BACK.get(key, "hours")
        return how

    _convert(apps, back)


class Migration(migrations.Migration):
    dependencies = [("policy", "0002_seed_rule_sets")]

    operations = [migrations.RunPython(forwards, backwards)]
