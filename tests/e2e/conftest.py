"""End-to-end tests of the real app window: tauri-driver + WebKitWebDriver, under Xvfb
(started by scripts/e2e). Each test gets a fresh database and export folder; `launch`
starts the app (a WebDriver session) and can be called again to reopen it on the same
database."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions

ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("DXPLAN_APP", ROOT / "target/debug/dxplan-app"))
SHOTS = ROOT / "target/screenshots"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "out").mkdir()
    return tmp_path


def db_of(workdir):
    """The test's database: a file in its folder, or the shared server's database that the
    `shared_db` fixture made for it."""
    url = workdir / "db-url"
    return url.read_text() if url.exists() else str(workdir / "dxplan.sqlite")


class ServerDb:
    """A fresh database on the PostgreSQL server of the store's tests (DXPLAN_TEST_PG, from
    scripts/test-server); accounts made in a test end in `suffix`, so that they are dropped
    with it."""

    def __init__(self):
        self.admin = os.environ.get("DXPLAN_TEST_PG")
        if not self.admin:
            pytest.skip("no PostgreSQL server (DXPLAN_TEST_PG): shared mode not tested")
        self.suffix = f"{os.getpid()}{int(time.time()) % 100000}"
        self.name = f"dxplan_e2e_{self.suffix}"
        subprocess.run(["psql", self.admin, "-qc", f"CREATE DATABASE {self.name}"], check=True)
        self.url = self.admin.rsplit("/", 1)[0] + "/" + self.name

    def url_as(self, account, password):
        host = self.admin.split("@", 1)[1].rsplit("/", 1)[0]
        return f"postgres://{account}:{password}@{host}/{self.name}"

    def drop(self):
        subprocess.run(["psql", self.admin, "-qc", f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"], check=False)
        roles = subprocess.run(["psql", self.admin, "-tAc", f"SELECT rolname FROM pg_roles WHERE rolname LIKE '%\\_{self.suffix}'"],
                               capture_output=True, text=True).stdout.split()
        for r in roles:
            subprocess.run(["psql", self.admin, "-qc", f'DROP ROLE "{r}"'], check=False)


@pytest.fixture
def server_db():
    """A database on the test server for the window to connect to from «Máy chủ»."""
    db = ServerDb()
    yield db
    db.drop()


@pytest.fixture
def shared_db(workdir):
    """The app and the CLI of this test start on a database of the test server."""
    db = ServerDb()
    (workdir / "db-url").write_text(db.url)
    yield db.url
    db.drop()


def launcher(workdir):
    """A tauri-driver of its own, and a function that starts the app (a WebDriver session),
    closing the one it started before; yields that function, then stops everything."""
    assert APP.exists(), f"build the app first: {APP}"
    port, native = free_port(), free_port()
    env = dict(
        os.environ,
        DXPLAN_DB=db_of(workdir),
        DXPLAN_SAVE_DIR=str(workdir / "out"),
        # What "open" dialogs pick: a test copies the file there first.
        DXPLAN_OPEN_FILE=str(workdir / "mở tệp.docx"),
        # What "open several files" dialogs pick.
        DXPLAN_OPEN_FILES=str(workdir / "nhận về.xlsx"),
    )
    driver_bin = shutil.which("tauri-driver") or str(Path.home() / ".cargo/bin/tauri-driver")
    proc = subprocess.Popen(
        [driver_bin, "--port", str(port), "--native-port", str(native)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sessions = []
    # Wait until the driver listens, so that the first session request is not refused.
    ready = time.time() + 20
    while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
        assert time.time() < ready, "tauri-driver did not start"
        time.sleep(0.1)

    def start():
        for s in sessions:
            s.quit()
        sessions.clear()
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": str(APP)})
        deadline = time.time() + 20
        while True:
            try:
                d = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=opts)
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.3)
        d.implicitly_wait(0)
        d.set_script_timeout(10)
        sessions.append(d)
        return d

    yield start
    for s in sessions:
        s.quit()
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def launch(workdir):
    yield from launcher(workdir)


@pytest.fixture
def launch_second(workdir):
    """A second window on the same database, beside the first (a colleague's)."""
    yield from launcher(workdir)


def shot(driver, name):
    """Saves what the screen shows — the real window, taken from the X display as a person
    sees it — after two animation frames, so that the last click shows. (WebKitWebDriver's
    own screenshot command can hang for good once the window has been idle.)"""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.execute_async_script(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));"
    )
    subprocess.run(["import", "-window", "root", str(SHOTS / f"{name}.png")], check=True, timeout=30)
