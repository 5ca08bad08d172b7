from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "vinhdanh.council"
    label = "council"
    verbose_name = "Hội đồng Thi đua – Khen thưởng"
