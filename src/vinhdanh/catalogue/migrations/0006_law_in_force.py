from django.db import migrations


def load(apps, schema_editor):
    from vinhdanh.catalogue import data

    data.load_law_in_force(apps)


class Migration(migrations.Migration):
    """Base salary 2.530.000 đ from 01/7/2026 (NĐ 161/2026/NĐ-CP); NĐ 98/2023's title multiples
    from 01/01/2024; NĐ 152/2025's table valid to 28/02/2027; thresholds by date."""

    dependencies = [("catalogue", "0005_multiple_valid_to")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
