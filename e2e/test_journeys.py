"""The buyer's and the organizer's journeys as a person lives them (issue 11), in a real
browser at phone and desktop size: times in the venue's zone whatever the browser's zone, a
past event refused on publishing, holders e-mailed when the event moves, a calendar file that
imports in the right zone, and not one console error for an anonymous visitor.

Screenshots of each journey at phone size (the event image at desktop size too) go to
artifacts/journeys/."""

import io
import re
import time
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Page, expect

from support import (
    ARTIFACTS,
    DEMO,
    DEMO_PASSWORD,
    api,
    register_attendee,
    sign_in,
    wait_for_service_worker,
)

SHOTS = ARTIFACTS.parent / "journeys"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
BERLIN = ZoneInfo("Europe/Berlin")
# backend/events/images.py: an upload is shrunk to fit this many pixels a side (and re-encoded).
IMAGE_MAX_SIDE = 1600


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def organizer_token(base_url: str) -> str:
    body = {"email": DEMO["organizer"], "password": DEMO_PASSWORD}
    return api(base_url, "/api/auth/login/", body)["access"]


def winter_evening(days_ahead: int = 400) -> datetime:
    """20:00 on a winter evening in Berlin (CET, UTC+1) more than a year ahead."""
    day = datetime.now(BERLIN).date() + timedelta(days=days_ahead)
    while day.month not in (12, 1):
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 20, 0, tzinfo=BERLIN)


def create_event(base_url: str, token: str, **overrides) -> dict:
    starts = overrides.pop("starts", winter_evening())
    body = {
        "title": f"Berlin Nights {uuid.uuid4().hex[:6]}",
        "description": "Late jazz by the canal.",
        "venue": "Kanalhalle",
        "venue_address": "Am Kanal 1, 10997 Berlin",
        "category": "music",
        "timezone": "Europe/Berlin",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "capacity": 50,
        "price": "0.00",
        "currency": "EUR",
        "max_per_booking": 4,
        "status": "published",
        "payment_instructions": "Transfer to IBAN DE00 0000 0000, booking number as reference.",
        **overrides,
    }
    return api(base_url, "/api/events/", body, token=token)


def new_context(browser: Browser, base_url: str, viewport: dict, timezone_id: str = "UTC"):
    context = browser.new_context(base_url=base_url, viewport=viewport, timezone_id=timezone_id)
    context.set_default_timeout(15_000)
    return context


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_times_show_the_venue_zone_in_any_browser_zone(browser: Browser, app_server: str, size):
    event = create_event(app_server, organizer_token(app_server))
    starts = datetime.fromisoformat(event["starts_at"]).astimezone(BERLIN)
    day = f"{starts:%a} {starts.day} {starts:%b}"
    viewport = PHONE if size == "phone" else DESKTOP

    for zone in ("America/New_York", "Asia/Tokyo"):
        context = new_context(browser, app_server, viewport, timezone_id=zone)
        page = context.new_page()
        # The browser really is elsewhere: its own clock reads another hour.
        assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
        page.goto(f"/events/{event['id']}")
        when = page.get_by_text(re.compile(rf"{day}.*20:00 \u2013 23:00 CET"))
        expect(when).to_be_visible()
        expect(page.get_by_text("Am Kanal 1, 10997 Berlin")).to_be_visible()
        expect(page.get_by_text("On sale").or_(page.get_by_text("50 tickets left"))).to_be_visible()

        page.goto("/")
        # Searched for: other tests' events may fill the listing's first page.
        search = page.locator("#event-search")
        search.fill(event["title"])
        search.press("Enter")
        card = page.get_by_role("article").filter(has_text=event["title"])
        expect(card.get_by_text(re.compile(r"20:00 CET"))).to_be_visible()
        if size == "phone" and zone == "America/New_York":
            page.goto(f"/events/{event['id']}")
            shot(page, "event-times-new-york-phone")
        context.close()


def test_a_past_event_cannot_be_published(browser: Browser, app_server: str):
    token = organizer_token(app_server)
    yesterday = datetime.now(BERLIN).replace(second=0, microsecond=0) - timedelta(days=1)
    draft = create_event(app_server, token, starts=yesterday, status="draft")
    context = new_context(browser, app_server, PHONE, timezone_id="Europe/Berlin")
    page = context.new_page()
    sign_in(page, DEMO["organizer"])

    page.goto(f"/organizer/events/{draft['id']}")
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("alert")).to_contain_text("starts in the past")
    expect(page.get_by_text(re.compile("now listed and open for booking"))).to_have_count(0)
    shot(page, "publish-past-event-refused-phone")
    assert api(app_server, f"/api/events/{draft['id']}/", token=token)["status"] == "draft"
    context.close()


def wait_for_mail(mail_outbox, to: str, subject_part: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mail_outbox():
            if to in str(message["To"]) and subject_part in str(message["Subject"]):
                return message
        time.sleep(0.5)
    raise AssertionError(f"no e-mail to {to} with {subject_part!r} within {timeout}s")


def test_a_reschedule_emails_the_holder(browser: Browser, app_server: str, mail_outbox):
    event = create_event(app_server, organizer_token(app_server))
    email, _password, attendee = register_attendee(app_server, "Hanna Holder")
    api(app_server, "/api/book-ticket/", {"event": event["id"], "quantity": 1}, token=attendee)

    # The organizer's laptop is in New York; the form still reads Berlin wall time.
    context = new_context(browser, app_server, PHONE, timezone_id="America/New_York")
    page = context.new_page()
    sign_in(page, DEMO["organizer"])
    page.goto(f"/organizer/events/{event['id']}")
    starts_at = page.get_by_label("Starts at")
    local = datetime.fromisoformat(event["starts_at"]).astimezone(BERLIN)
    expect(starts_at).to_have_value(local.strftime("%Y-%m-%dT%H:%M"))
    expect(
        page.get_by_text(re.compile(r"Europe/Berlin \(CET, UTC\+01:00\) time")).first
    ).to_be_visible()
    later = local + timedelta(hours=1)
    starts_at.fill(later.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Ends at").fill((later + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    shot(page, "reschedule-saved-phone")

    saved = api(app_server, f"/api/events/{event['id']}/")
    assert datetime.fromisoformat(saved["starts_at"]) == later
    message = wait_for_mail(mail_outbox, email, f"Change to {event['title']}")
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "21:00" in text and "CET" in text, text
    context.close()


def test_my_tickets_and_the_calendar_file(browser: Browser, app_server: str):
    token = organizer_token(app_server)
    soon = create_event(app_server, token, starts=winter_evening(60))
    later = create_event(app_server, token, starts=winter_evening(500))
    email, password, attendee = register_attendee(app_server, "Carla Calendar")
    for event in (later, soon):
        api(app_server, "/api/book-ticket/", {"event": event["id"], "quantity": 2}, token=attendee)

    context = new_context(browser, app_server, PHONE, timezone_id="Asia/Tokyo")
    page = context.new_page()
    sign_in(page, email, password)
    page.goto("/tickets")
    cards = page.get_by_role("list", name="Upcoming tickets").get_by_role("article")
    expect(cards).to_have_count(2)
    # The sooner event first, though it was booked last... and first booked is not first shown.
    expect(cards.nth(0)).to_contain_text(soon["title"])
    expect(cards.nth(1)).to_contain_text(later["title"])
    booking = next(
        b
        for b in api(app_server, "/api/bookings/", token=attendee)["results"]
        if b["event"] == soon["id"]
    )
    for ticket in booking["tickets"]:
        # Grouped for reading, "7KQM-R2XD".
        grouped = f"{ticket['backup_code'][:4]}-{ticket['backup_code'][4:]}"
        expect(cards.nth(0).get_by_text(grouped, exact=True)).to_be_visible()
    shot(page, "my-tickets-phone")

    # The event page tells a holder what they hold instead of offering the form again.
    page.goto(f"/events/{soon['id']}")
    expect(page.get_by_text("You have 2 tickets for this event")).to_be_visible()
    expect(page.get_by_role("button", name="Book tickets")).to_have_count(0)

    page.goto("/tickets")
    with page.expect_download() as download_info:
        cards.nth(0).get_by_role("link", name="Add to calendar").click()
    calendar = icalendar.Calendar.from_ical(download_info.value.path().read_bytes())
    vevent = next(c for c in calendar.walk("VEVENT"))
    start = vevent.decoded("DTSTART")
    assert vevent["DTSTART"].params.get("TZID") == "Europe/Berlin"
    assert start.tzinfo is not None and start.utcoffset() == timedelta(hours=1)
    assert (start.hour, start.minute) == (20, 0)
    assert start == datetime.fromisoformat(soon["starts_at"])
    assert soon["title"] in str(vevent["SUMMARY"])
    context.close()


def test_sign_up_from_sign_in_to_book_returns_to_the_event(browser: Browser, app_server: str):
    event = create_event(app_server, organizer_token(app_server))
    context = new_context(browser, app_server, PHONE)
    page = context.new_page()
    page.goto(f"/events/{event['id']}")
    page.get_by_role("link", name="Sign in to book").click()
    page.get_by_role("link", name="Create one").click()
    page.get_by_label("Name").fill("Nina New")
    page.get_by_label("Email").fill(f"nina-{uuid.uuid4().hex[:8]}@example.test")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(rf"/events/{event['id']}$"))
    expect(page.get_by_role("button", name="Book tickets")).to_be_visible()
    shot(page, "sign-up-back-on-the-event-phone")
    context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_no_console_error_for_an_anonymous_visitor(browser: Browser, app_server: str, size):
    event = create_event(app_server, organizer_token(app_server))
    context = new_context(browser, app_server, PHONE if size == "phone" else DESKTOP)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    refreshes: list[str] = []
    page.on("request", lambda r: refreshes.append(r.url) if "/auth/refresh/" in r.url else None)

    for path in (
        "/",
        f"/events/{event['id']}",
        "/login",
        "/register",
        "/forgot-password",
        "/tickets",
        "/no-such-page",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if size == "phone" and path == "/":
            shot(page, "anonymous-home-phone")
    assert problems == []
    assert refreshes == []
    context.close()


def test_static_assets_are_compressed(app_server: str):
    """The SPA's script goes over the wire compressed (WhiteNoise, Brotli or gzip)."""
    html = urllib.request.urlopen(f"{app_server}/", timeout=10).read().decode()
    script = re.search(r'src="(/[^"]+\.js)"', html)
    assert script, html[:500]
    request = urllib.request.Request(
        f"{app_server}{script.group(1)}", headers={"Accept-Encoding": "br, gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get("Content-Encoding") in ("br", "gzip")


def test_organizer_writes_to_holders_and_sees_true_numbers(
    browser: Browser, app_server: str, mail_outbox
):
    token = organizer_token(app_server)
    event = create_event(app_server, token, price="20.00")
    email, _password, attendee = register_attendee(app_server, "Mia Message")
    booking = api(
        app_server,
        "/api/book-ticket/",
        {"event": event["id"], "quantity": 2, "payment_method": "manual"},
        token=attendee,
    )
    # Paid by bank transfer: the organizer marks it received (holders are those who paid).
    api(app_server, f"/api/bookings/{booking['id']}/mark-paid/", {}, token=token)

    context = new_context(browser, app_server, PHONE, timezone_id="Europe/Berlin")
    page = context.new_page()
    sign_in(page, DEMO["organizer"])
    page.goto(f"/organizer/events/{event['id']}")
    expect(page.get_by_text("On sale", exact=True)).to_be_visible()
    page.get_by_label("Subject").fill("Doors open at 19:30")
    page.get_by_label("Message", exact=True).fill("Bring your ticket on your phone.")
    page.get_by_role("button", name="Send to ticket holders").click()
    expect(page.get_by_text("Sent to 1 booking.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Doors open at 19:30")).to_be_visible()
    shot(page, "organizer-message-holders-phone")
    # No organizer-written text in the subject (issue 24, M2): it leads the body instead.
    message = wait_for_mail(mail_outbox, email, "Message from the organizer of")
    assert event["title"] in str(message["Subject"])
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Doors open at 19:30" in body and "Bring your ticket" in body

    # The event has not happened: no no-shows yet, revenue in its own currency.
    page.goto(f"/dashboard/events/{event['id']}")
    expect(page.get_by_test_id("card-no-shows")).to_contain_text("—")
    expect(page.get_by_test_id("card-revenue")).to_contain_text("€40.00")
    expect(page.get_by_test_id("card-sold")).to_contain_text("2")
    expect(page.get_by_role("heading", name="Attendees (2)")).to_be_visible()
    shot(page, "organizer-dashboard-phone")
    context.close()


def test_past_events_can_be_browsed(browser: Browser, app_server: str):
    context = new_context(browser, app_server, PHONE)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("link", name="Past events").click()
    expect(page.get_by_role("heading", name="Past events")).to_be_visible()
    expect(page).to_have_url(re.compile(r"when=past"))
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text(re.compile(r"tickets left"))).to_have_count(0)
    shot(page, "past-events-phone")
    context.close()


def banner_png(width: int, height: int) -> bytes:
    """A real PNG picture: bands of colour, so it stays small however many pixels it has."""
    picture = Image.new("RGB", (width, height), "midnightblue")
    draw = ImageDraw.Draw(picture)
    for left in range(0, width, 200):
        draw.rectangle((left, height // 3, left + 100, height), fill="gold")
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_organizer_gives_an_event_an_image(browser: Browser, app_server: str, tmp_path, size):
    event = create_event(app_server, organizer_token(app_server))
    viewport = PHONE if size == "phone" else DESKTOP
    context = new_context(browser, app_server, viewport)
    page = context.new_page()
    sign_in(page, DEMO["organizer"])
    page.goto(f"/organizer/events/{event['id']}")
    section = page.get_by_role("region", name="Image", exact=True)
    chooser = section.get_by_label("Choose an image")
    upload = section.get_by_role("button", name="Upload image")

    # A photo wider than the site ever shows: a preview first, then saved.
    chooser.set_input_files(
        {"name": "canal.png", "mimeType": "image/png", "buffer": banner_png(2400, 1350)}
    )
    expect(section.get_by_role("img", name="Preview of the chosen image")).to_be_visible()
    upload.click()
    expect(section.get_by_text("Image saved.")).to_be_visible()
    expect(section.get_by_role("img", name="The event image")).to_be_visible()
    saved = api(app_server, f"/api/events/{event['id']}/")["image"]
    assert saved and saved.endswith(".webp"), saved

    # Too large: refused on the form before any upload. Not an image: the server says so.
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as file:
        file.truncate(5 * 2**20 + 1)  # a path, not a buffer: the browser reads it itself
    chooser.set_input_files(huge)
    expect(section.get_by_role("alert")).to_contain_text("the limit is 5 MB")
    expect(upload).to_be_disabled()
    chooser.set_input_files(
        {"name": "notes.png", "mimeType": "image/png", "buffer": b"just some notes\n"}
    )
    upload.click()
    expect(section.get_by_role("alert")).to_contain_text("not an image")
    assert api(app_server, f"/api/events/{event['id']}/")["image"] == saved

    # Anyone sees it on the event page and in the listing: a resized WebP, cached for long.
    visitor = new_context(browser, app_server, viewport)
    public = visitor.new_page()
    public.goto(f"/events/{event['id']}")
    expect(public.get_by_role("heading", name=event["title"])).to_be_visible()
    picture = public.locator(f'img[src="{saved}"]')
    expect(picture).to_be_visible()
    expect(picture).to_have_js_property("complete", True)
    assert 0 < picture.evaluate("img => img.naturalWidth") <= IMAGE_MAX_SIDE
    response = visitor.request.get(saved)
    assert response.ok and response.headers["content-type"] == "image/webp"
    assert "max-age" in response.headers.get("cache-control", ""), response.headers
    with Image.open(io.BytesIO(response.body())) as served:
        assert served.format == "WEBP"
        assert served.size == (IMAGE_MAX_SIDE, 900)
    shot(public, f"event-image-{size}")

    public.goto(f"/?search={urllib.parse.quote(event['title'])}")
    card = public.get_by_role("article").filter(has_text=event["title"])
    expect(card.locator("img")).to_have_attribute("src", saved)
    # Opened in a tab of its own, it is the image, not the app's page from the service worker.
    wait_for_service_worker(public)
    assert public.goto(saved).headers["content-type"] == "image/webp"
    visitor.close()
    context.close()
