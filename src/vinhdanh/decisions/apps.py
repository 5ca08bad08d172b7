from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "vinhdanh.decisions"
    label = "decisions"
    verbose_name = "Quyết định khen thưởng"
