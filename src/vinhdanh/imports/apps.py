from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "vinhdanh.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu từ Excel"
