import pytest

from users.models import User

pytestmark = pytest.mark.django_db
URL = "/api/auth/register/"


def valid(**overrides):
    body = {"email": "Jane@Example.test", "password": "a-long-pass-phrase", "name": "Jane Doe"}
    body.update(overrides)
    return body


def test_register_creates_attendee_by_default(api_client):
    response = api_client.post(URL, valid(), format="json")
    assert response.status_code == 201
    # No id: the answer is the same whether or not the address had an account (below).
    assert response.json() == {
        "email": "jane@example.test",
        "name": "Jane Doe",
        "role": "attendee",
        "email_verified": False,
    }
    user = User.objects.get()
    assert user.check_password("a-long-pass-phrase")
    assert user.password.startswith("md5$") or user.password.startswith("argon2")


def test_register_as_organizer(api_client):
    response = api_client.post(URL, valid(role="organizer"), format="json")
    assert response.status_code == 201
    assert response.json()["role"] == "organizer"


def test_register_cannot_choose_admin(api_client):
    response = api_client.post(URL, valid(role="admin"), format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "role" in response.json()["fields"]
    assert not User.objects.exists()


def test_email_is_unique_case_insensitively(api_client):
    assert api_client.post(URL, valid(), format="json").status_code == 201
    response = api_client.post(URL, valid(email="JANE@example.TEST"), format="json")
    assert response.status_code == 201  # the same answer as a new sign-up (below)
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short1", "too short"), ("password123", "too common"), ("9384756102", "entirely numeric")],
)
def test_weak_passwords_are_refused_by_djangos_validators(api_client, password, reason):
    response = api_client.post(URL, valid(password=password), format="json")
    assert response.status_code == 400
    assert any(reason in message for message in response.json()["fields"]["password"])
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"email": "not-an-email", "password": "a-long-pass-phrase", "name": "X"},
        {"email": ["a@b.test"], "password": "a-long-pass-phrase", "name": "X"},
        {"email": "a@b.test", "password": 12345678901, "name": {"first": "X"}},
        {"email": "a@b.test", "password": "a-long-pass-phrase", "name": "x" * 10_000},
        {"email": "a" * 300 + "@b.test", "password": "a-long-pass-phrase", "name": "X"},
        {"email": "a@b.test", "password": "p" * 129, "name": "X"},
        {"email": "a@b.test", "password": "a-long-pass-phrase", "name": "X", "role": 7},
    ],
)
def test_bad_input_is_400_with_field_errors_and_creates_nothing(api_client, body):
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "validation_error"
    assert payload["fields"]
    assert not User.objects.exists()


def test_password_is_never_echoed(api_client):
    response = api_client.post(URL, valid(), format="json")
    assert "password" not in response.json()
    assert "a-long-pass-phrase" not in response.content.decode()


def test_sign_ups_are_limited_to_20_a_minute_per_address_by_default(api_client):
    # django-allauth's default; the knob is QE_THROTTLE_REGISTER (README).
    def sign_up(n, address):
        return api_client.post(
            "/api/auth/register/",
            {"email": f"new{n}@example.test", "password": "a-long-pass-phrase", "name": "N"},
            format="json",
            REMOTE_ADDR=address,
        )

    statuses = [sign_up(n, "198.51.100.7").status_code for n in range(21)]
    assert statuses[:20] == [201] * 20
    assert statuses[20] == 429
    assert sign_up(99, "198.51.100.8").status_code == 201  # another address is not affected


def test_a_forged_forwarded_for_header_does_not_get_past_the_limit(api_client):
    # NUM_PROXIES is 0 by default: X-Forwarded-For is the client's to write, so it is ignored.
    statuses = [
        api_client.post(
            "/api/auth/register/",
            {"email": f"spoof{n}@example.test", "password": "a-long-pass-phrase", "name": "N"},
            format="json",
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(21)
    ]
    assert statuses[20] == 429
