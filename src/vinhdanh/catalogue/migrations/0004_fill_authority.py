from django.db import migrations


def fill(apps, schema_editor):
    from vinhdanh.catalogue import data

    data.load_authorities(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_honour_authority"), ("orgs", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
