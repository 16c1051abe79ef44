from django.apps import AppConfig


class DoorNodeConfig(AppConfig):
    name = "doornode"
    verbose_name = "Door node"
