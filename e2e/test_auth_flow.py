"""A newcomer registers, signs out, signs in again and stays signed in across a reload."""

import re
import uuid

from playwright.sync_api import Page, expect

from support import ARTIFACTS, DEMO, sign_in, sign_out

MAIN_NAV = {"name": "Main"}


def test_register_sign_out_sign_in_and_reload(page: Page):
    email = f"newcomer-{uuid.uuid4().hex[:8]}@example.test"
    page.goto("/register")
    page.get_by_label("Name").fill("Nora Newcomer")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_label("Attend events").check()
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_text("Nora Newcomer").first).to_be_visible()
    sign_out(page)

    sign_in(page, email, "a-long-pass-phrase")
    expect(page.get_by_text("Nora Newcomer").first).to_be_visible()

    page.reload()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_text("Nora Newcomer").first).to_be_visible()
    # The access token lives in memory only; the refresh token is an httpOnly cookie.
    storage = page.evaluate("() => JSON.stringify({...localStorage, ...sessionStorage})")
    assert "eyJ" not in storage
    assert "qe_refresh" not in page.evaluate("() => document.cookie")


def test_register_shows_the_apis_field_errors(page: Page):
    page.goto("/register")
    page.get_by_label("Name").fill("Weak Pass")
    page.get_by_label("Email").fill("weak-pass@example.test")
    page.get_by_label("Password").fill("password123")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(re.compile("too common"))).to_be_visible()


def test_registering_a_taken_address_tells_nothing_and_points_to_the_mailbox(page: Page):
    # The server answers as for a new address (and e-mails the owner); only the sign-in that
    # follows fails, and the page says where to look.
    page.goto("/register")
    page.get_by_label("Name").fill("Copy Cat")
    page.get_by_label("Email").fill(DEMO["attendee"])
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("we have sent it an e-mail")
    expect(page.get_by_text(re.compile("already exists"))).to_have_count(0)


def test_wrong_password_says_so(page: Page):
    page.goto("/login")
    page.get_by_label("Email").fill(DEMO["organizer"])
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile("wrong", re.IGNORECASE))


def test_navigation_differs_for_organizer_and_attendee(page: Page):
    nav = page.get_by_role("navigation", **MAIN_NAV)
    sign_in(page, DEMO["organizer"])
    expect(nav.get_by_role("link", name="My events")).to_be_visible()
    nav.get_by_role("link", name="My events").click()
    expect(page.get_by_text("Spring Gala (draft)")).to_be_visible()
    sign_out(page)

    sign_in(page, DEMO["attendee"])
    expect(nav.get_by_role("link", name="Account")).to_be_visible()
    expect(nav.get_by_role("link", name="My events")).to_have_count(0)
    page.goto("/organizer/events")
    expect(page.get_by_text(re.compile("don.t have access", re.IGNORECASE))).to_be_visible()


def test_protected_page_sends_anonymous_visitors_to_sign_in(page: Page):
    page.goto("/account")
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_home_page_lists_events_and_is_captured(page: Page):
    page.goto("/")
    expect(page.get_by_text("Neon Nights: Live Now")).to_be_visible()
    expect(page.get_by_text("Winter Market (ended)")).to_have_count(0)
    expect(page.get_by_text("Spring Gala (draft)")).to_have_count(0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "home.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshot of the home page: {shot}")
