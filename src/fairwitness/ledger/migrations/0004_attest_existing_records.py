"""Data written before records existed: one ``records_attested`` ledger entry per case records its
rows as they stand (only when the chain verifies, so tampering is never laundered into a record),
and a first signed checkpoint covers the chain. Itself ledgered; safe to run on an empty database."""

from django.db import migrations


def attest(apps, schema_editor):
    from fairwitness.cases.integrity import attest_case
    from fairwitness.ledger.models import Checkpoint, LedgerEntry
    from fairwitness.ledger.store import head, verify_stored, write_checkpoint

    Case = apps.get_model("cases", "Case")
    if not LedgerEntry.objects.exists():
        return
    if not Checkpoint.objects.exists():
        write_checkpoint(*head())
    result = verify_stored(record=False)
    if not result.ok:
        raise RuntimeError(f"The ledger does not verify ({result.reason}); records were not attested. "
                           "Investigate before upgrading.")
    for case in Case.objects.filter(erased_at__isnull=True).exclude(wrapped_key=None):
        attest_case(case, reason="upgrade: rows recorded before the ledger held records", model=apps.get_model)


class Migration(migrations.Migration):

    dependencies = [
        ("ledger", "0003_signed_checkpoints"),
        ("cases", "0003_version_time_from_ledger"),
        ("oversight", "0001_initial"),
    ]

    operations = [migrations.RunPython(attest, migrations.RunPython.noop)]
