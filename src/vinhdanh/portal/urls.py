"""Public portal (no login) and the officers' exemplar-story page."""

from django.urls import path

from . import views, views_legal, views_officer

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("xac-minh/", views.verify, name="verify"),
    path("xac-minh/<uuid:token>/", views.verify_token, name="verify_token"),
    path("lay-y-kien/", views.publicity_list, name="publicity_list"),
    path("lay-y-kien/<int:pk>/", views.publicity_detail, name="publicity_detail"),
    path("guong-dien-hinh/", views.story_list, name="story_list"),
    path("guong-dien-hinh/<int:pk>/", views.story_detail, name="story_detail"),
    path("can-cu-phap-ly/", views_legal.legal_texts, name="legal_texts"),
    # officers
    path("quan-ly/guong-dien-hinh/", views_officer.story_manage, name="story_manage"),
    path("quan-ly/guong-dien-hinh/tao-moi/", views_officer.story_edit, name="story_create"),
    path("quan-ly/guong-dien-hinh/<int:pk>/sua/", views_officer.story_edit, name="story_edit"),
    path(
        "quan-ly/guong-dien-hinh/<int:pk>/dang/", views_officer.story_publish, name="story_publish"
    ),
]
