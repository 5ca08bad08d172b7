"""URLs of the council app (/hoi-dong/)."""

from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.council_list, name="council_list"),
    path("moi/", views.council_create, name="council_create"),
    path("<int:pk>/", views.council_detail, name="council_detail"),
    path("<int:pk>/sua/", views.council_edit, name="council_edit"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path(
        "<int:pk>/thanh-vien/<int:member_pk>/ket-thuc/",
        views.member_end_term,
        name="member_end_term",
    ),
]

from . import views_meetings as mv  # noqa: E402

urlpatterns += [
    path("<int:pk>/phien-hop/moi/", mv.meeting_create, name="meeting_create"),
    path("phien-hop/<int:meeting_pk>/", mv.meeting_detail, name="meeting_detail"),
    path("phien-hop/<int:meeting_pk>/chuong-trinh/them/", mv.agenda_add, name="agenda_add"),
    path(
        "phien-hop/<int:meeting_pk>/chuong-trinh/<int:item_pk>/rut/",
        mv.agenda_remove,
        name="agenda_remove",
    ),
    path("phien-hop/<int:meeting_pk>/diem-danh/", mv.attendance_save, name="attendance_save"),
    path("phien-hop/<int:meeting_pk>/khai-mac/", mv.meeting_open, name="meeting_open"),
    path("phien-hop/<int:meeting_pk>/mo-bieu-quyet/", mv.ballots_open, name="ballots_open"),
    path("phien-hop/<int:meeting_pk>/ket-thuc/", mv.meeting_close, name="meeting_close"),
    path("phien-hop/<int:meeting_pk>/bien-ban/lap/", mv.minutes_generate, name="minutes_generate"),
    path("phien-hop/<int:meeting_pk>/bien-ban/", mv.minutes_download, name="minutes_download"),
    path("phieu/<int:ballot_pk>/", mv.ballot_vote, name="ballot_vote"),
    path("phieu/<int:ballot_pk>/van-ban/", mv.written_vote, name="written_vote"),
    path("phieu/<int:ballot_pk>/phieu-giay/", mv.paper_tally, name="paper_tally"),
    path(
        "phieu/<int:ballot_pk>/phieu-giay/bien-ban/", mv.paper_tally_file, name="paper_tally_file"
    ),
    path("phieu-bieu-quyet/", mv.my_ballots, name="my_ballots"),
]
