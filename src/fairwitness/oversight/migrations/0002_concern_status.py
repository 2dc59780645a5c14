"""A concern's workflow as an explicit status (issue 11), derived for existing rows from the
timestamps that used to imply it."""

from django.db import migrations, models


def derive_status(apps, schema_editor):
    from fairwitness.oversight.models import status_from_history

    Concern = apps.get_model("oversight", "Concern")
    for concern in Concern.objects.all().only("pk", "withdrawn_at", "decision", "outcome_issued_at", "closed_at",
                                               "acknowledged_at"):
        Concern.objects.filter(pk=concern.pk).update(status=status_from_history(concern))


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="concern",
            name="status",
            field=models.CharField(
                choices=[("received", "Received"), ("acknowledged", "Acknowledged"),
                         ("investigating", "Being investigated"), ("not_investigated", "Closed: not investigated"),
                         ("outcome_issued", "Outcome issued: recommendations open"), ("closed", "Closed"),
                         ("withdrawn", "Withdrawn by the family")],
                db_index=True, default="received", max_length=20),
        ),
        migrations.RunPython(derive_status, migrations.RunPython.noop),
    ]
