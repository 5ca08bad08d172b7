from django.db import migrations


def load(apps, schema_editor):
    from vinhdanh.catalogue import data

    data.load(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
