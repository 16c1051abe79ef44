"""One account per e-mail address, guaranteed by the database under concurrent sign-ups."""

import pytest
from rest_framework.test import APIClient

from common.tests.concurrency import race
from users.models import User

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]
WORKERS = 12


def test_concurrent_sign_ups_with_one_email_make_one_account():
    def sign_up(n: int):
        return lambda: (
            APIClient()
            .post(
                "/api/auth/register/",
                {"email": "Same@Example.test", "password": f"pass-phrase-{n}-x", "name": f"P{n}"},
                format="json",
            )
            .status_code
        )

    statuses = race([sign_up(n) for n in range(WORKERS)])
    # Every one answers as a new sign-up would (no enumeration); one account is made.
    assert statuses == [201] * WORKERS
    assert User.objects.filter(email="same@example.test").count() == 1
