from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vinhdanh.api"
    label = "api"
    verbose_name = "API"
