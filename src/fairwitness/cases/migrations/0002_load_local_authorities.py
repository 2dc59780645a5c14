"""Load the English children's services authorities (current and former) from the shipped CSV."""

from django.db import migrations


def load(apps, schema_editor):
    from fairwitness.cases.localauthorities import load as load_rows

    load_rows(apps.get_model("cases", "LocalAuthority"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
