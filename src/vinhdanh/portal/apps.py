from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "vinhdanh.portal"
    label = "portal"
    verbose_name = "Cổng thông tin công khai"
