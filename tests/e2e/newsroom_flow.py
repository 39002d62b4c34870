#!/usr/bin/env python3
"""The newsroom end to end in a real browser (Debian's Chromium and chromedriver, driven by selenium).

A reporter (author) signs in, uploads a photo, writes an English article with it, sends it for review
and signs out; an editor signs in, passes the two-step sign-in (TOTP computed here), publishes the
article; then the English home page links to it and its page shows the headline, the lead and the photo
with its caption and credit.

    BROADSHEET_BIN=.build/debug/broadsheet python3 tests/e2e/newsroom_flow.py

Serves the demo on a free loopback port with its own temporary database and photos, stops it at the
end whatever happens, prints every step with its duration, and exits 1 naming the failed step (with a
screenshot of the browser at that moment), 2 when the binary or the browser is missing.
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

PHOTO = os.path.join(ROOT, "Tests", "BroadsheetWebTests", "Fixtures", "gps.jpg")
REPORTER = ("reporter@example.org", "Roman Reporter", "author")
EDITOR = ("editor@example.org", "Iryna Editor", "editor")
WAIT = 20  # seconds for any one page to arrive
WAITING = "//section[h2[starts-with(normalize-space(), 'Waiting for review')]]"

STAMP = time.strftime("%Y%m%d-%H%M%S")
HEADLINE = f"Night trams return to the river crossing, test {STAMP}"
LEAD = "The city restores the late service after a year, starting with two lines across the river."
PARAGRAPH_1 = "Trams will run every twenty minutes after midnight on both lines, the transport department said."
PARAGRAPH_2 = "Passengers asked for the night service in a survey last spring; the budget for it was passed in June."
CAPTION = f"A tram on the bridge at night ({STAMP})"
CREDIT = "Broadsheet test desk"
ALT = "A lit tram crossing a bridge over dark water"


def run(server, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base = server.base

    def wait_for_url(pattern, what):
        try:
            WebDriverWait(driver, WAIT).until(lambda d: re.search(pattern, d.current_url))
        except Exception:
            raise AssertionError(f"expected {what} ({pattern}), the browser is at {driver.current_url}") from None
        return re.search(pattern, driver.current_url)

    def fill(name, text, form=None):
        field = (form or driver).find_element(By.NAME, name)
        field.clear()
        field.send_keys(text)

    def heading():
        return driver.find_element(By.TAG_NAME, "h1").text.strip()

    def workflow_status():
        section = driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=workflow-heading]")
        return section.find_element(By.TAG_NAME, "strong").text.strip()

    def move_button(to):
        return driver.find_element(By.XPATH, f"//form[input[@name='to' and @value='{to}']]//button[@type='submit']")

    def sign_in(email):
        driver.get(base + "/admin/sign-in")
        form = driver.find_element(By.CSS_SELECTOR, "form[action^='/admin/sign-in']")
        if not form.find_element(By.NAME, "csrf").get_attribute("value"):
            raise AssertionError("the sign-in form has an empty csrf field")
        fill("email", email, form)
        fill("password", PASSWORD, form)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    # The reporter
    with step("reporter signs in"):
        sign_in(REPORTER[0])
        wait_for_url(r"/admin/$", "the dashboard")
        if heading() != "Dashboard":
            raise AssertionError(f"the dashboard's heading is {heading()!r}")
        bar = driver.find_element(By.CSS_SELECTOR, "form.sign-out").text
        if REPORTER[1] not in bar:
            raise AssertionError(f"the top bar says {bar!r}, not signed in as {REPORTER[1]}")

    with step("reporter uploads a photo"):
        driver.get(base + "/admin/photos")
        form = driver.find_element(By.CSS_SELECTOR, "form[enctype='multipart/form-data']")
        form.find_element(By.NAME, "file").send_keys(PHOTO)
        fill("caption_en", CAPTION, form)  # the article is English: its edition's caption and alt text
        fill("credit", CREDIT, form)
        fill("alt_en", ALT, form)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        photo_id = wait_for_url(r"/admin/photos/(\d+)", "the new photo's page").group(1)
        if f"[photo: {photo_id}]" not in driver.page_source:
            raise AssertionError(f"the photo page does not offer [photo: {photo_id}]")

    with step("reporter writes and saves an article"):
        driver.get(base + "/admin/articles/new")
        # "New article" asks for the edition first; the editor then offers that edition's names only.
        driver.find_element(By.CSS_SELECTOR, "input[name=edition][value=en]").click()
        driver.find_element(By.CSS_SELECTOR, "form[action='/admin/articles/new'] button[type=submit]").click()
        wait_for_url(r"/admin/articles/new\?edition=en", "the English editor")
        form = driver.find_element(By.CSS_SELECTOR, "form.editor")
        fill("headline", HEADLINE, form)
        fill("lead", LEAD, form)
        fill("body", f"{PARAGRAPH_1}\n\n[photo: {photo_id}]\n\n{PARAGRAPH_2}", form)
        # The main photo is picked by clicking its thumbnail.
        form.find_element(By.CSS_SELECTOR, f"label[for=e-main-{photo_id}]").click()
        form.find_element(By.CSS_SELECTOR, "button[name=do][value=save]").click()
        article_id = wait_for_url(r"/admin/articles/(\d+)\?saved=1", "the saved article").group(1)
        if workflow_status() != "draft":
            raise AssertionError(f"a new article's status is {workflow_status()!r}, not draft")
        if driver.find_element(By.NAME, "headline").get_attribute("value") != HEADLINE:
            raise AssertionError("the editor does not show the headline that was saved")

    with step("reporter sends it for review"):
        before = driver.current_url
        move_button("in_review").click()
        WebDriverWait(driver, WAIT).until(lambda d: d.current_url != before)
        # The author may no longer open the article once it is in review: check its status on the dashboard.
        driver.get(base + "/admin/")
        waiting = driver.find_element(By.XPATH, WAITING)
        if HEADLINE not in waiting.text:
            raise AssertionError("the article is not in the dashboard's 'Waiting for review' list")
        drafts = driver.find_element(By.XPATH, "//section[h2[starts-with(normalize-space(), 'My drafts')]]")
        if HEADLINE in drafts.text:
            raise AssertionError("the article is still among the reporter's drafts")

    with step("reporter signs out"):
        driver.find_element(By.CSS_SELECTOR, "form.sign-out button[type=submit]").click()
        wait_for_url(r"/admin/sign-in$", "the sign-in page")
        driver.get(base + "/admin/")
        wait_for_url(r"/admin/sign-in\?next=", "the sign-in page (the session has ended)")

    # The editor
    with step("editor signs in and sets up the two-step sign-in"):
        sign_in(EDITOR[0])
        wait_for_url(r"/admin/second-factor$", "the second step")
        if heading() != "Set up two-step sign-in":
            raise AssertionError(f"the second step's heading is {heading()!r}")
        key = driver.find_element(By.CSS_SELECTOR, "code.secret").text
        link = driver.find_element(By.CSS_SELECTOR, "a[href^='otpauth://']").get_attribute("href")
        if re.sub(r"\s", "", key) not in link:
            raise AssertionError("the key shown is not the one in the otpauth:// link")
        fill("code", totp(key))
        driver.find_element(By.CSS_SELECTOR, "form[action='/admin/second-factor'] button[type=submit]").click()
        wait_for_url(r"/admin/$", "the dashboard")

    with step("editor finds the article waiting for review"):
        waiting = driver.find_element(By.XPATH, WAITING)
        if HEADLINE not in waiting.text:
            raise AssertionError("the dashboard's 'Waiting for review' list lacks the article")
        driver.get(base + "/admin/articles?status=in_review")
        driver.find_element(By.LINK_TEXT, HEADLINE).click()
        wait_for_url(rf"/admin/articles/{article_id}$", "the article's editor")

    with step("editor publishes it"):
        move_button("published").click()
        wait_for_url(rf"/admin/articles/{article_id}\?moved=1", "the article after the move")
        if workflow_status() != "published":
            notice = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, ".notice"))
            raise AssertionError(f"status is {workflow_status()!r}, not published ({notice})")
        public_path = driver.find_element(By.LINK_TEXT, "View on the site").get_attribute("href")

    # The public site
    with step("the English home page links to it"):
        driver.get(base + "/eng/")
        links = driver.find_elements(By.LINK_TEXT, HEADLINE)
        if not links:
            raise AssertionError("the headline is not on /eng/")
        href = links[0].get_attribute("href")
        if href != public_path:
            raise AssertionError(f"the home page links to {href}, the newsroom to {public_path}")
        links[0].click()
        wait_for_url(re.escape(href.replace(base, "")) + "$", "the article page")

    with step("the article page shows headline, lead and photo"):
        if heading() != HEADLINE:
            raise AssertionError(f"the page's h1 is {heading()!r}")
        lead = driver.find_element(By.CSS_SELECTOR, "article .standfirst").text.strip()
        if lead != LEAD:
            raise AssertionError(f"the lead is {lead!r}")
        figure = driver.find_element(By.CSS_SELECTOR, "figure.main-photo")
        img = figure.find_element(By.TAG_NAME, "img")
        width, height = img.get_attribute("width"), img.get_attribute("height")
        if not (width and height and width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0):
            raise AssertionError(f"the photo's width and height attributes are {width!r} and {height!r}")
        if img.get_attribute("alt") != ALT:
            raise AssertionError(f"the photo's alt text is {img.get_attribute('alt')!r}")
        WebDriverWait(driver, WAIT).until(lambda d: d.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth > 0", img))
        caption = figure.find_element(By.TAG_NAME, "figcaption").text
        if CAPTION not in caption or f"Photo: {CREDIT}" not in caption:
            raise AssertionError(f"the caption reads {caption!r}")
        body = driver.find_element(By.CSS_SELECTOR, ".article-body").text
        if PARAGRAPH_1 not in body or PARAGRAPH_2 not in body:
            raise AssertionError("the body lacks one of its paragraphs")
        if not driver.find_elements(By.CSS_SELECTOR, ".article-body img"):
            raise AssertionError("the inline [photo: ...] block shows no image in the body")


def main():
    if not os.access(BIN, os.X_OK):
        print(f"newsroom e2e: {BIN} is not built (swift build first, or set BROADSHEET_BIN)", file=sys.stderr)
        return 2
    for path in (CHROMIUM, CHROMEDRIVER, PHOTO):
        if not os.path.exists(path):
            print(f"newsroom e2e: {path} is missing (run ../shared/tools/setup)", file=sys.stderr)
            return 2
    try:
        import selenium  # noqa: F401
    except ImportError:
        print("newsroom e2e: selenium is not installed (run ../shared/tools/setup)", file=sys.stderr)
        return 2

    started = time.monotonic()
    driver = None
    browser_time = None
    with DemoServer("e2e") as server:
        try:
            with step("accounts made with `broadsheet user add`"):
                for email, name, role in (REPORTER, EDITOR):
                    server.add_user(email, name, role)
            with step(f"demo server answers on {server.base}"):
                server.start()
            browser_started = time.monotonic()
            with step("headless Chromium starts"):
                driver = browser()
                driver.set_page_load_timeout(WAIT)
            run(server, driver)
            browser_time = time.monotonic() - browser_started
        except StepFailed as failure:
            print(f"FAIL {failure}", file=sys.stderr)
            if driver is not None:
                shot = os.path.join(tempfile.gettempdir(), f"newsroom-e2e-failure-{STAMP}.png")
                try:
                    driver.save_screenshot(shot)
                    print(f"     screenshot of the browser at {driver.current_url}: {shot}", file=sys.stderr)
                except Exception as e:  # noqa: BLE001
                    print(f"     no screenshot: {e}", file=sys.stderr)
            print(f"     server log (last lines):\n{server.log_tail(15)}", file=sys.stderr)
            print(f"newsroom e2e: FAILED after {len(steps)} passing steps, "
                  f"{time.monotonic() - started:.1f} s", file=sys.stderr)
            return 1
        finally:
            if driver is not None:
                driver.quit()
    print(f"newsroom e2e: passed, {len(steps)} steps; the browser test took {browser_time:.1f} s "
          f"({time.monotonic() - started:.1f} s with the server's start and stop)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
