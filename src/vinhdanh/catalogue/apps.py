from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "vinhdanh.catalogue"
    label = "catalogue"
    verbose_name = "Danh mục"
