"""One account per e-mail address, guaranteed by the database under concurrent sign-ups."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from rest_framework.test import APIClient

from users.models import User

pytestmark = [pytest.mark.mysql, pytest.mark.django_db(transaction=True)]
WORKERS = 12


def test_concurrent_sign_ups_with_one_email_make_one_account():
    barrier = Barrier(WORKERS)

    def sign_up(n: int) -> int:
        try:
            barrier.wait()
            response = APIClient().post(
                "/api/auth/register/",
                {"email": "Same@Example.test", "password": f"pass-phrase-{n}-x", "name": f"P{n}"},
                format="json",
            )
            return response.status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(WORKERS) as pool:
        statuses = list(pool.map(sign_up, range(WORKERS)))

    assert statuses.count(201) == 1
    assert statuses.count(400) == WORKERS - 1
    assert User.objects.filter(email="same@example.test").count() == 1
