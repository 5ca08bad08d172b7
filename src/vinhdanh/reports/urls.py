from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("quy-khen-thuong/", views.fund_ledger, name="fund_ledger"),
    path("bieu/<str:form_code>/<str:unit_code>/<int:year>/", views.form_detail, name="form_detail"),
    path(
        "bieu/<str:form_code>/<str:unit_code>/<int:year>/o/<str:row_code>/<str:col_key>/",
        views.form_cell,
        name="form_cell",
    ),
    path(
        "bieu/<str:form_code>/<str:unit_code>/<int:year>/xlsx/", views.form_xlsx, name="form_xlsx"
    ),
    path(
        "bieu/<str:form_code>/<str:unit_code>/<int:year>/gui/",
        views.form_submit,
        name="form_submit",
    ),
]
