from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Users"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import notifications  # noqa: F401 - registers its outbox handlers
        from .auth_cache import auth_cache_forget
        from .models import User

        def forget(sender, instance, **kwargs) -> None:
            auth_cache_forget(instance.pk)

        post_save.connect(forget, sender=User, weak=False, dispatch_uid="auth_cache_save")
        post_delete.connect(forget, sender=User, weak=False, dispatch_uid="auth_cache_delete")
