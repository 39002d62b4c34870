#!/usr/bin/env python3
"""Day one of a real paper, in a real browser, from an empty database (issue 15's check).

Nothing is seeded and the database is never touched: the admin's account comes from `broadsheet user add`,
the rest through the newsroom's pages. The admin sets up the two-step sign-in, adds the editor's account,
three sections and four tags with names in the three editions and two authors (one the editor's own byline,
one an agency's). The editor uploads two photos,
writes an English story with a past publication time (Monday 30 June 2025, 19:53 Kyiv time), both photos
picked from thumbnails, two sources and two tags, publishes it, translates it into Ukrainian and Russian
(publishing waits until the photos have captions and alt text in that language, which the editor adds) and
publishes both at the same time. Then each article page shows its own edition's byline, section, tags, captions and alt text, the English one is on
All news under its own day, and the edition switcher links the three.

    BROADSHEET_BIN=.build/debug/broadsheet python3 tests/e2e/day_one.py

Prints every step with its duration; exits 1 naming the failed step (with a screenshot), 2 when the binary
or the browser is missing.
"""
import os
import re
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the working tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsroom_support import (BIN, CHROMEDRIVER, CHROMIUM, PASSWORD, ROOT,  # noqa: E402
                              DemoServer, totp,
                              StepFailed, browser, step, steps)

PHOTOS = [os.path.join(ROOT, "Tests", "BroadsheetWebTests", "Fixtures", name) for name in ("gps.jpg", "gps.jpg")]
ADMIN = ("admin@example.org", "Ada Admin", "admin")
EDITOR = ("tetyana@example.org", "Tetyana Oliynyk", "editor")
WAIT = 20
EDITIONS = ("uk", "ru", "en")

SECTIONS = [
    {"uk": "Світ", "ru": "Мир", "en": "World"},
    {"uk": "Політика", "ru": "Политика", "en": "Politics"},
    {"uk": "Економіка", "ru": "Экономика", "en": "Economy"},
]
TAGS = [
    {"uk": "Північна Корея", "ru": "Северная Корея", "en": "North Korea"},
    {"uk": "Південна Корея", "ru": "Южная Корея", "en": "South Korea"},
    {"uk": "Санкції", "ru": "Санкции", "en": "Sanctions"},
    {"uk": "Ракети", "ru": "Ракеты", "en": "Missiles"},
]
AUTHORS = [
    ({"uk": "Тетяна Олійник", "ru": "Татьяна Олейник", "en": "Tetyana Oliynyk"}, True),
    ({"uk": "Агентство Йонхап", "ru": "Агентство Ёнхап", "en": "Yonhap News Agency"}, False),
]
STORY = {
    "en": ("North Korea fires two missiles into the sea", "Seoul says the launches came hours after new sanctions."),
    "uk": ("Північна Корея випустила дві ракети в море", "Сеул каже, що запуски відбулися за кілька годин після нових санкцій."),
    "ru": ("Северная Корея выпустила две ракеты в море", "Сеул говорит, что запуски прошли через несколько часов после новых санкций."),
}
PUBLISHED = "2025-06-30T19:53"
SOURCES = ("Joint Chiefs of Staff | statement | https://example.org/jcs\n"
           "Ministry of Unification | briefing | https://example.org/unification")
CREDIT = "The Korea Herald"
# Each photo's caption and alt text in each edition ({} is the photo's number).
CAPTIONS = {
    "en": ("Photo {}: a launch seen from Seoul", "Photo {}: a missile trail over the sea"),
    "uk": ("Фото {}: запуск, видимий із Сеула", "Фото {}: слід ракети над морем"),
    "ru": ("Фото {}: запуск, видимый из Сеула", "Фото {}: след ракеты над морем"),
}


def run(server, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base = server.base

    def wait_for_url(pattern, what):
        try:
            WebDriverWait(driver, WAIT).until(lambda d: re.search(pattern, d.current_url))
        except Exception:
            notice = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, ".notice"))
            raise AssertionError(f"expected {what} ({pattern}), the browser is at {driver.current_url} {notice}") from None
        return re.search(pattern, driver.current_url)

    def fill(name, text, scope=None):
        field = (scope or driver).find_element(By.NAME, name)
        field.clear()
        field.send_keys(text)

    def set_time(field, value):
        # A datetime-local field takes its value most reliably from script; the form posts it as typed.
        driver.execute_script("arguments[0].value = arguments[1]", field, value)

    def submit(form, refusal_expected=False):
        """Submits and waits for the answer; returns the refusal's words, which fail the step unless expected."""
        # A mark on the page that the next page will not have, however the form answers (same address or not).
        driver.execute_script("window.beforeSubmit = true")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return window.beforeSubmit === undefined"))
        refused = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".notice") if e.get_attribute("role") == "alert"
                   or (refusal_expected and e.text)]
        if refused and not refusal_expected:
            raise AssertionError(f"the form was refused: {refused[0]}")
        return " ".join(refused)

    def sign_in(email):
        driver.get(base + "/admin/sign-in")
        form = driver.find_element(By.CSS_SELECTOR, "form[action^='/admin/sign-in']")
        fill("email", email, form)
        fill("password", PASSWORD, form)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for_url(r"/admin/second-factor$", "the second step")
        key = driver.find_element(By.CSS_SELECTOR, "code.secret").text
        fill("code", totp(key))
        driver.find_element(By.CSS_SELECTOR, "form[action='/admin/second-factor'] button[type=submit]").click()
        wait_for_url(r"/admin/$", "the dashboard")

    def sign_out():
        driver.find_element(By.CSS_SELECTOR, "form.sign-out button[type=submit]").click()
        wait_for_url(r"/admin/sign-in$", "the sign-in page")

    def add_names(page, legend, names):
        driver.get(base + page)
        form = driver.find_element(By.XPATH, f"//form[.//legend[normalize-space()='{legend}']]")
        for code in EDITIONS:
            fill(f"name_{code}", names[code], form)
        submit(form)
        wait_for_url(re.escape(page) + "$", page)

    def status():
        section = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=workflow-heading]")
        return section.find_element(By.TAG_NAME, "strong").text.strip()

    def publish_at(value):
        form = driver.find_element(By.XPATH, "//form[input[@name='to' and @value='published']]")
        set_time(form.find_element(By.NAME, "at"), value)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for_url(r"/admin/articles/\d+\?moved=1", "the article after publishing")
        if status() != "published":
            notice = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, ".notice"))
            raise AssertionError(f"the status is {status()!r}, not published: {notice}")
        return driver.find_element(By.LINK_TEXT, "View on the site").get_attribute("href")

    with step("the admin signs in on an empty newsroom and sets up the two-step sign-in"):
        sign_in(ADMIN[0])

    with step("the admin adds the editor's account on the staff page"):
        driver.get(base + "/admin/staff")
        form = driver.find_element(By.CSS_SELECTOR, "form[action='/admin/staff']")
        fill("name", EDITOR[1], form)
        fill("email", EDITOR[0], form)
        Select(form.find_element(By.NAME, "role")).select_by_value(EDITOR[2])
        Select(form.find_element(By.NAME, "language")).select_by_value("en")
        fill("password", PASSWORD, form)
        submit(form)
        if EDITOR[0] not in driver.page_source:
            raise AssertionError("the staff page does not list the new account")

    with step("the admin adds three sections, each named in three editions"):
        for names in SECTIONS:
            add_names("/admin/sections", "Add a section", names)
        menu = driver.page_source
        if not all(f'value="{names[code]}"' in menu for names in SECTIONS for code in EDITIONS):
            raise AssertionError("the sections page does not list every name")

    with step("the admin adds four tags, each named in three editions"):
        for names in TAGS:
            add_names("/admin/tags", "Add a tag", names)

    with step("the admin adds two authors: the editor's own byline and an agency's"):
        for names, linked in AUTHORS:
            driver.get(base + "/admin/authors/new")
            form = driver.find_element(By.CSS_SELECTOR, "form[action='/admin/authors/new']")
            for code in EDITIONS:
                fill(f"name_{code}", names[code], form)
            if linked:
                Select(form.find_element(By.NAME, "staff")).select_by_visible_text(f"{EDITOR[1]} <{EDITOR[0]}>")
            submit(form)
            wait_for_url(r"/admin/authors/\d+", "the author's page")
        driver.get(base + "/admin/authors")
        if EDITOR[1] not in driver.page_source or "Yonhap" not in driver.page_source:
            raise AssertionError("the authors page lacks one of the two")
        sign_out()

    with step("the editor signs in and uploads two photos credited The Korea Herald"):
        sign_in(EDITOR[0])
        photo_ids = []
        for number, path in enumerate(PHOTOS, 1):
            driver.get(base + "/admin/photos")
            form = driver.find_element(By.CSS_SELECTOR, "form[enctype='multipart/form-data']")
            form.find_element(By.NAME, "file").send_keys(path)
            # The English words only: the translations' captions come when the story is translated.
            fill("caption_en", CAPTIONS["en"][0].format(number), form)
            fill("credit", CREDIT, form)
            fill("alt_en", CAPTIONS["en"][1].format(number), form)
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            photo_ids.append(wait_for_url(r"/admin/photos/(\d+)", "the new photo's page").group(1))

    with step("the editor writes the English story with both photos, two sources and two tags"):
        driver.get(base + "/admin/articles/new")
        driver.find_element(By.CSS_SELECTOR, "input[name=edition][value=en]").click()
        driver.find_element(By.CSS_SELECTOR, "form[action='/admin/articles/new'] button[type=submit]").click()
        wait_for_url(r"/admin/articles/new\?edition=en", "the English editor")
        form = driver.find_element(By.CSS_SELECTOR, "form.editor")
        if "Світ" in form.text or "Тетяна" in form.text:
            raise AssertionError("the English editor offers another edition's names")
        headline, lead = STORY["en"]
        fill("headline", headline, form)
        fill("lead", lead, form)
        fill("body", "The first missile flew 600 km.\n\nThe second fell short.", form)
        # Both photos are picked from thumbnails: the first as the main photo, the second placed in the text.
        form.find_element(By.CSS_SELECTOR, f"label[for=e-main-{photo_ids[0]}]").click()
        form.find_element(By.CSS_SELECTOR, f"input[name=inText][value='{photo_ids[1]}']").click()
        Select(form.find_element(By.NAME, "section")).select_by_visible_text("World")
        fill("tags", "North Korea, Missiles", form)
        form.find_element(By.XPATH, ".//label[normalize-space()='Tetyana Oliynyk']/input").click()
        fill("sources", SOURCES, form)
        form.find_element(By.CSS_SELECTOR, "button[name=do][value=save]").click()
        article = wait_for_url(r"/admin/articles/(\d+)\?saved=1", "the saved article").group(1)
        body = driver.find_element(By.NAME, "body").get_attribute("value")
        if f"[photo: {photo_ids[1]}]" not in body:
            raise AssertionError(f"the body does not place the second photo: {body!r}")

    with step("the editor publishes it at its real time, Monday 30 June 2025, 19:53"):
        english = publish_at(PUBLISHED)
        if "/eng/news/2025/06/30/" not in english:
            raise AssertionError(f"the English address is {english}")

    pages = {"en": english}
    for code, name in (("uk", "Українська"), ("ru", "Русский")):
        with step(f"the editor translates it into {name}, captions the photos in {name} and publishes it"):
            driver.get(f"{base}/admin/articles/{article}")
            driver.find_element(By.XPATH, f"//button[normalize-space()='Translate into {name}']").click()
            wait_for_url(r"/admin/articles/\d+$", "the translation's editor")
            form = driver.find_element(By.CSS_SELECTOR, "form.editor")
            headline, lead = STORY[code]
            fill("headline", headline, form)
            fill("lead", lead, form)
            form.find_element(By.CSS_SELECTOR, "button[name=do][value=save]").click()
            translation = wait_for_url(r"/admin/articles/(\d+)\?saved=1", "the saved translation").group(1)
            # Both photos came along, but have no words in this edition yet: publishing waits for them.
            gaps = driver.find_elements(By.CSS_SELECTOR, "a[href^='/admin/photos/']")
            if not any(photo_ids[0] in a.get_attribute("href") for a in gaps):
                raise AssertionError("the editor does not say which photos lack a caption in this edition")
            publish = driver.find_element(By.XPATH, "//form[input[@name='to' and @value='published']]")
            set_time(publish.find_element(By.NAME, "at"), PUBLISHED)
            notice = submit(publish, refusal_expected=True)
            if "caption" not in notice or status() != "draft":
                raise AssertionError(f"publishing without captions was not refused: {notice!r}, {status()}")
            for number, photo in enumerate(photo_ids, 1):
                driver.get(f"{base}/admin/photos/{photo}")
                form = driver.find_element(By.CSS_SELECTOR, f"form[action='/admin/photos/{photo}']")
                fill(f"caption_{code}", CAPTIONS[code][0].format(number), form)
                fill(f"alt_{code}", CAPTIONS[code][1].format(number), form)
                submit(form)
            driver.get(f"{base}/admin/articles/{translation}")
            pages[code] = publish_at(PUBLISHED)

    expected = {
        "en": ("Tetyana Oliynyk", "World", ["North Korea", "Missiles"], "Monday, 30 June 2025, 19:53"),
        "uk": ("Тетяна Олійник", "Світ", ["Північна Корея", "Ракети"], "30 червня 2025, 19:53"),
        "ru": ("Татьяна Олейник", "Мир", ["Северная Корея", "Ракеты"], "30 июня 2025, 19:53"),
    }
    for code, (byline, section, tags, date) in expected.items():
        with step(f"the {code} page shows its own edition's byline, section, tags, time and photos"):
            driver.get(pages[code])
            if driver.find_element(By.TAG_NAME, "h1").text.strip() != STORY[code][0]:
                raise AssertionError(f"the headline is {driver.find_element(By.TAG_NAME, 'h1').text!r}")
            line = driver.find_element(By.CSS_SELECTOR, ".byline").text
            if byline not in line or date not in line:
                raise AssertionError(f"the byline reads {line!r}")
            current = driver.find_element(By.CSS_SELECTOR, ".sections a[aria-current=page]").text.strip()
            if current != section:
                raise AssertionError(f"the menu marks {current!r} as the article's section, not {section!r}")
            shown = driver.find_element(By.CSS_SELECTOR, ".tags").text
            if not all(tag in shown for tag in tags):
                raise AssertionError(f"the tags read {shown!r}")
            others = [name for names in (*SECTIONS, *TAGS) for other, name in names.items() if other != code]
            visible = driver.find_element(By.CSS_SELECTOR, "article").text
            leaked = [name for name in others if name in visible and name not in expected[code][2]]
            if leaked:
                raise AssertionError(f"the page shows another edition's names: {leaked}")
            figure = driver.find_element(By.CSS_SELECTOR, "figure.main-photo")
            caption = figure.find_element(By.TAG_NAME, "figcaption").text
            if CAPTIONS[code][0].format(1) not in caption or CREDIT not in caption:
                raise AssertionError(f"the main photo's caption reads {caption!r}")
            if figure.find_element(By.TAG_NAME, "img").get_attribute("alt") != CAPTIONS[code][1].format(1):
                raise AssertionError(f"the main photo's alt text is {figure.find_element(By.TAG_NAME, 'img').get_attribute('alt')!r}")
            inline = driver.find_elements(By.CSS_SELECTOR, ".article-body img")
            if not inline or inline[0].get_attribute("alt") != CAPTIONS[code][1].format(2):
                raise AssertionError("the inline photo is missing, or its alt text is another edition's")
            links = {a.get_attribute("hreflang"): a.get_attribute("href")
                     for a in driver.find_elements(By.CSS_SELECTOR, "nav.editions a")}
            for other in EDITIONS:
                if links.get(other) != pages[other]:
                    raise AssertionError(f"the switcher's {other} link is {links.get(other)}, not {pages[other]}")

    with step("the English story is on All news under its own day"):
        driver.get(base + "/eng/news/2025/06/30/")
        if not driver.find_elements(By.LINK_TEXT, STORY["en"][0]):
            raise AssertionError("30 June 2025 does not list the story")


def main():
    if not os.access(BIN, os.X_OK):
        print(f"day one: {BIN} is not built (swift build first, or set BROADSHEET_BIN)", file=sys.stderr)
        return 2
    for path in (CHROMIUM, CHROMEDRIVER, *PHOTOS):
        if not os.path.exists(path):
            print(f"day one: {path} is missing (run ../shared/tools/setup)", file=sys.stderr)
            return 2
    started = time.monotonic()
    driver = None
    with DemoServer("day-one") as server:
        try:
            with step("the admin's account made with `broadsheet user add`"):
                server.add_user(*ADMIN)
            with step(f"an empty newsroom answers on {server.base}"):
                server.start(demo=False)
            driver = browser()
            browser_started = time.monotonic()
            run(server, driver)
            print(f"day one: passed, {len(steps)} steps; the browser's part took "
                  f"{time.monotonic() - browser_started:.1f} s ({time.monotonic() - started:.1f} s in all)")
            return 0
        except StepFailed as e:
            server.keep = True
            print(f"day one: FAILED: {e}", file=sys.stderr)
            if driver:
                shot = os.path.join(tempfile.gettempdir(), "broadsheet-day-one-failure.png")
                driver.save_screenshot(shot)
                print(f"day one: the browser at that moment: {shot}; server log: {server.log_path}", file=sys.stderr)
            print(server.log_tail(15), file=sys.stderr)
            return 1
        finally:
            if driver:
                driver.quit()


if __name__ == "__main__":
    sys.exit(main())
