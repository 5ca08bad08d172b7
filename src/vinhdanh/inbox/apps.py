from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "vinhdanh.inbox"
    label = "inbox"
    verbose_name = "Việc cần xử lý, thông báo"
