from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "vinhdanh.registry"
    label = "registry"
    verbose_name = "Sổ thi đua, khen thưởng"
