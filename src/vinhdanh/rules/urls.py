from django.urls import path

from . import views

app_name = "rules"

urlpatterns = [
    path("danh-sach/", views.candidates, name="candidates"),
    path("quy-tac/", views.rule_list, name="rule_list"),
    path("quy-tac/tham-so/", views.parameter_set, name="parameter_set"),
    path("chay-nen/", views.run_start, name="run_start"),
    path("chay-nen/<int:pk>/", views.run_detail, name="run_detail"),
    path("chay-nen/<int:pk>/tai-ve/", views.run_download, name="run_download"),
    path("chay-nen/<int:pk>/huy/", views.run_cancel, name="run_cancel"),
    path("chay-nen/<int:pk>/chay-lai/", views.run_retry, name="run_retry"),
]
