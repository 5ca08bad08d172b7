from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "vinhdanh.emulation"
    label = "emulation"
    verbose_name = "Phong trào và khối thi đua"
