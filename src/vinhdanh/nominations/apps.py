from django.apps import AppConfig


class NominationsConfig(AppConfig):
    name = "vinhdanh.nominations"
    label = "nominations"
    verbose_name = "Hồ sơ đề nghị khen thưởng"
