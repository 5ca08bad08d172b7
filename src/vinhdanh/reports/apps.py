from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "vinhdanh.reports"
    label = "reports"
    verbose_name = "Báo cáo thống kê"
