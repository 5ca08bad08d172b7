from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "vinhdanh.orgs"
    label = "orgs"
    verbose_name = "Tổ chức và cá nhân"
