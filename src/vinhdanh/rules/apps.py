from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "vinhdanh.rules"
    label = "rules"
    verbose_name = "Tiêu chuẩn khen thưởng"
