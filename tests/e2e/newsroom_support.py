"""What the newsroom's browser test and page checks share: a demo server on a free loopback port,
staff accounts made with the command line, a signed-in session over plain HTTP, and TOTP codes.

Standard library only; selenium is imported by the browser test itself.
"""
import base64
from contextlib import contextmanager
import hashlib
import hmac
import html
import http.cookies
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("BROADSHEET_BIN") or os.path.join(ROOT, ".build", "debug", "broadsheet")
if not os.path.isabs(BIN):
    BIN = os.path.join(ROOT, BIN)
TOOLS = os.environ.get("BROADSHEET_CHECK_TOOLS") or os.path.join(ROOT, "..", "shared", "tools")

# The same flags as ../shared/tools/webcheck's BROWSER_ARGS: headless, and a host-resolver rule so
# that no page can reach anything but the loopback server under test.
BROWSER_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost"]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

PASSWORD = "correct horse battery staple 42"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DemoServer:
    """`broadsheet serve --demo` on a free port with its own database and photos in a temporary
    folder. Use as a context manager: the server is stopped and the folder removed on the way out,
    whatever happened."""

    def __init__(self, label):
        self.label = label
        self.work = tempfile.mkdtemp(prefix=f"broadsheet-{label}-")
        self.database = os.path.join(self.work, "db.sqlite")
        self.photos = os.path.join(self.work, "photos")
        self.log_path = os.path.join(self.work, "server.log")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.keep = False  # set to keep the folder (its server log) for a look after a failure

    def add_user(self, email, name, role, language="en", password=PASSWORD):
        out = subprocess.run(
            [BIN, "user", "add", "--email", email, "--name", name, "--role", role, "--language", language,
             "--database", self.database],
            input=password + "\n", capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"`broadsheet user add --email {email}` failed ({out.returncode}): "
                               f"{(out.stderr or out.stdout).strip()}")
        return out.stdout.strip()

    def start(self, timeout=180, demo=True):
        """Serves the demo, or with `demo=False` an empty newsroom (a paper's first day)."""
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [BIN, "serve", *(["--demo"] if demo else []), "--port", str(self.port), "--database", self.database,
             "--photos", self.photos],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=5) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not answer on {self.base} within {timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return "(no server log)"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        if self.keep:
            print(f"server log kept: {self.log_path}", file=sys.stderr)
        else:
            shutil.rmtree(self.work, ignore_errors=True)
        return False


def totp(key, at=None, step=30, digits=6):
    """RFC 6238 with HMAC-SHA1: `key` as shown on /admin/second-factor (base32, spaces allowed)."""
    compact = re.sub(r"\s+", "", key).upper()
    secret = base64.b32decode(compact + "=" * (-len(compact) % 8))
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10 ** digits).zfill(digits)


def hidden_field(page, name):
    m = re.search(r'<input type="hidden" name="%s" value="([^"]*)"' % re.escape(name), page)
    if not m:
        raise RuntimeError(f"no hidden field {name!r} on the page")
    return html.unescape(m.group(1))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class HttpSession:
    """A cookie-keeping client that does not follow redirects: each answer is (status, headers, text)."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if data is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with self.opener.open(req, timeout=30) as r:
                status, hdrs, body = r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            status, hdrs, body = e.code, e.headers, e.read()
        for header in hdrs.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return status, hdrs, body.decode("utf-8", "replace")

    def get(self, path, expect=200):
        status, hdrs, text = self.request(path)
        if expect is not None and status != expect:
            raise RuntimeError(f"GET {path}: status {status}, expected {expect} "
                               f"(Location: {hdrs.get('Location')})")
        return text

    def post(self, path, form, expect=303):
        status, hdrs, text = self.request(path, form)
        if expect is not None and status != expect:
            raise RuntimeError(f"POST {path}: status {status}, expected {expect}: {text[:300]}")
        return hdrs.get("Location", "")

    def sign_in(self, email, password=PASSWORD):
        """Signs in through the form; returns where the server sends the browser next."""
        page = self.get("/admin/sign-in")
        if "broadsheet_signin" not in self.cookies:
            raise RuntimeError("GET /admin/sign-in set no broadsheet_signin cookie")
        location = self.post("/admin/sign-in", {"csrf": hidden_field(page, "csrf"), "email": email,
                                                "password": password})
        if "broadsheet_session" not in self.cookies:
            raise RuntimeError(f"signing in as {email} set no broadsheet_session cookie")
        return location

    def pass_second_factor(self):
        """Reads the key from /admin/second-factor's setup and sends the current code."""
        page = self.get("/admin/second-factor")
        m = re.search(r'<code class="secret">([^<]+)</code>', page)
        if not m:
            raise RuntimeError("/admin/second-factor shows no key to set up")
        location = self.post("/admin/second-factor", {"csrf": hidden_field(page, "csrf"),
                                                      "code": totp(html.unescape(m.group(1)))})
        if not location.endswith("/admin/"):
            raise RuntimeError(f"the second step sent us to {location!r}, not the dashboard")


# Steps and the browser, shared by the browser tests.

class StepFailed(Exception):
    pass


steps = []


@contextmanager
def step(name):
    """Runs one named step of a browser test, prints it with its duration, and names it when it fails."""
    start = time.monotonic()
    try:
        yield
    except Exception as e:  # noqa: BLE001: any failure ends the test with the step's name
        first = str(e).strip().splitlines()[0] if str(e).strip() else ""
        raise StepFailed(f"step {len(steps) + 1} \"{name}\" failed after {time.monotonic() - start:.2f} s: "
                         f"{type(e).__name__}: {first}") from e
    took = time.monotonic() - start
    steps.append((name, took))
    print(f"  ok  {len(steps):2d}. {name} ({took:.2f} s)", flush=True)


def browser():
    """Debian's headless Chromium through its chromedriver; Selenium never downloads anything."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    os.environ.setdefault("SE_OFFLINE", "true")
    os.environ.setdefault("SE_AVOID_STATS", "true")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in BROWSER_ARGS + ["--window-size=1280,900"]:
        opts.add_argument(a)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
