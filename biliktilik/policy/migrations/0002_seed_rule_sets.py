from django.db import migrations


def seed(apps, schema_editor):
    from biliktilik.policy.seed import seed_rule_sets

    seed_rule_sets(apps)


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
