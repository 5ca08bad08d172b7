from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vinhdanh.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        from .logging import install_record_factory

        install_record_factory()
