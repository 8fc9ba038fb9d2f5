#!/usr/bin/env python3
"""The core as a planner's computer sees it, driven through the `dxplan` CLI: the same
scenarios on Linux (the debug build) and on Windows (the cross-built dxplan.exe under Wine,
from scripts/windows/test-core). A scenario marked `windows` needs what only Windows has
(another program holding a file open, read-only attributes, \\\\?\\ paths).

    scripts/core_scenarios.py linux
    scripts/core_scenarios.py wine --exe DIR/dxplan.exe --hold DIR/hold-open.exe

Prints one line per scenario and "N passed, M failed"; exits 1 on a failure."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "templates/samples/quang-ngai-2023.json"
# The sample's figures, as the planner reads them in every export.
TASKS, GROUPS, TOTAL = 76, 10, "132.897,5"
# English a library could leak into a message; the planner must never read it.
ENGLISH = ["error", "denied", "No such", "cannot", "failed", "The system", "os error", "invalid"]


class Runner:
    """Runs dxplan with paths written the way the operating system writes them."""

    def __init__(self, work: Path):
        self.work = work

    def run(self, *args, db=True, timeout=120, stdin=None):
        argv = [str(a) for a in args]
        if db:
            argv = ["--db", self.arg(self.work / "dxplan.sqlite"), *argv]
        def once():
            return subprocess.run(self.command(argv), env=self.env(), capture_output=True, timeout=timeout,
                                  input=stdin.encode("utf-8") if stdin is not None else None)
        try:
            p = once()
        except subprocess.TimeoutExpired:
            if self.name != "wine":
                raise
            p = None
        # Under Wine a process now and then hangs or is killed (seen once in each of two runs
        # here, on `connect` and on `list`; both passed when run again, and never on Linux):
        # run it once more, and say so in the log. On Linux there is no second chance.
        # Before that, the prefix's Wine server is stopped (wineserver -k), so whatever the
        # stopped process left it holding cannot stall the second run, and the last lines of
        # the app's log say how far the first one got.
        if self.name == "wine" and (p is None or p.returncode < 0):
            print(f"(Wine: «dxplan {' '.join(argv)}» {'quá thời gian' if p is None else f'bị dừng, mã {p.returncode}'}; chạy lại một lần)",
                  file=sys.stderr)
            log = self.work / "dxplan.log"
            if log.exists():
                tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-6:]
                print("  nhật ký: " + "\n  nhật ký: ".join(tail), file=sys.stderr)
            subprocess.run(["wineserver", "-k"], capture_output=True, timeout=60)
            p = once()
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def ok(self, *args, **kw):
        code, out, err = self.run(*args, **kw)
        if code != 0:
            raise AssertionError(f"dxplan {' '.join(map(str, args))} → {code}: {err.strip()}")
        return out



class Linux(Runner):
    name = "linux"

    def __init__(self, work: Path, exe: Path):
        super().__init__(work)
        self.exe = exe
        self.home = work / "home"
        self.home.mkdir()

    def command(self, argv):
        return [str(self.exe), *argv]

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DXPLAN_"))}
        env["HOME"] = str(self.home)
        return env

    def arg(self, path: Path) -> str:
        return str(path)

    def default_db(self) -> Path:
        return self.home / ".local/share/dxplan/dxplan.sqlite"


class Wine(Runner):
    name = "wine"

    def __init__(self, work: Path, exe: Path, hold: Path):
        self.prefix = self.boot()
        drive = self.prefix / "drive_c"
        # The working folder on C:, as a planner's documents are.
        super().__init__(drive / "kiem-thu")
        self.work.mkdir()
        self.exe, self.hold = exe, hold
        self.user = next(p.name for p in (drive / "users").iterdir() if p.name != "Public")
        self.held = []

    @staticmethod
    def boot() -> Path:
        """A fresh Wine prefix. Making one has failed once in a CI run (wineboot exit 1, right
        after the installer's test, on a machine where Wine had just been installed) and not
        again: a second try gets a new prefix, and a failure says what Wine printed."""
        for attempt in (1, 2, 3):
            prefix = Path(tempfile.mkdtemp(prefix="dxplan-wine-"))
            os.environ.update(WINEPREFIX=str(prefix), WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=")
            done = subprocess.run(["wineboot", "-i"], capture_output=True, text=True, timeout=300)
            if done.returncode == 0:
                return prefix
            print(f"wineboot -i (lần {attempt}): mã {done.returncode}\n{done.stdout}{done.stderr}", file=sys.stderr)
            subprocess.run(["wineserver", "-k"], capture_output=True, timeout=60)
            shutil.rmtree(prefix, ignore_errors=True)
            time.sleep(5)
        raise SystemExit("Không tạo được thư mục Wine (wineboot -i) sau 3 lần.")

    def command(self, argv):
        return ["wine", str(self.exe), *argv]

    def env(self):
        return {k: v for k, v in os.environ.items() if not k.startswith("DXPLAN_")}

    def arg(self, path: Path) -> str:
        rel = path.relative_to(self.prefix / "drive_c")
        return "C:\\" + str(rel).replace("/", "\\")

    def default_db(self) -> Path:
        return self.prefix / f"drive_c/users/{self.user}/AppData/Roaming/dxplan/dxplan/data/dxplan.sqlite"

    def hold_open(self, mode: str, path: Path):
        ready = path.with_name(path.name + ".ready")
        p = subprocess.Popen(["wine", str(self.hold), mode, self.arg(path), self.arg(ready)], env=self.env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.held.append(p)
        for _ in range(200):
            if ready.exists():
                return
            time.sleep(0.05)
        raise AssertionError(f"hold-open.exe did not take {path}")

    def release(self):
        subprocess.run(["wine", "taskkill", "/f", "/im", "hold-open.exe"], env=self.env(), capture_output=True)
        for p in self.held:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        self.held.clear()

    def attrib_read_only(self, path: Path):
        subprocess.run(["wine", "cmd", "/c", "attrib", "+r", self.arg(path)], env=self.env(), capture_output=True, check=True)

    def close(self):
        self.release()
        subprocess.run(["wineserver", "-k"], env=self.env(), capture_output=True)
        shutil.rmtree(self.prefix, ignore_errors=True)


# ------------------------------------------------------------------------- checks ----

def vietnamese(message: str):
    """A message the planner can read: Vietnamese, no library English."""
    assert message.strip(), "no message"
    leaked = [w for w in ENGLISH if w in message]
    assert not leaked, f"English in the message ({leaked}): {message.strip()}"
    assert any(c in message for c in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), message


def is_zip(path: Path):
    assert path.exists(), f"not written: {path}"
    assert zipfile.is_zipfile(path), f"not an Office file: {path}"


def figures(r: Runner, plan_id: str):
    stats = json.loads(r.ok("stats", plan_id, "--json"))
    assert (stats["groups"], stats["tasks"]) == (GROUPS, TASKS), stats
    text = r.ok("stats", plan_id)
    assert TOTAL in text, text


def sample_id(r: Runner) -> str:
    plans = json.loads(r.ok("list", "--json"))
    if not plans:
        return r.ok("new", "--sample").strip()
    return plans[0]["id"]


# ----------------------------------------------------------------------- scenarios ----

def sample_in_the_default_database(r: Runner):
    """The sample created without --db lands in the user's data folder (%APPDATA% on
    Windows), is listed, valid, with its figures."""
    plan_id = r.ok("new", "--sample", db=False).strip()
    assert r.default_db().exists(), f"no database at {r.default_db()}"
    plans = json.loads(r.ok("list", "--json", db=False))
    assert [p["province"] for p in plans] == ["Quảng Ngãi"], plans
    code, out, err = r.run("validate", plan_id, db=False)
    assert code == 0, out + err
    stats = json.loads(r.ok("stats", plan_id, "--json", db=False))
    assert stats["tasks"] == TASKS, stats


def exports_into_vietnamese_folders_and_back(r: Runner):
    """The three documents and the workbook into a folder whose name has diacritics and
    spaces; the Word plan and the workbook read back with the same figures."""
    plan_id = sample_id(r)
    figures(r, plan_id)
    out = r.work / "Tài liệu của tôi" / "Kế hoạch CĐS 2023"
    out.mkdir(parents=True)
    files = {doc: out / f"{name}.docx" for doc, name in
             [("ke-hoach", "Kế hoạch chuyển đổi số"), ("quyet-dinh", "Quyết định ban hành"), ("phu-luc", "Phụ lục nhiệm vụ")]}
    for doc, path in files.items():
        # The sample has no decision yet: the decision and its appendix are drafts.
        draft = [] if doc == "ke-hoach" else ["--draft"]
        r.ok("export", plan_id, "--docx", r.arg(path), "--doc", doc, *draft)
        is_zip(path)
    book = out / "Phụ lục nhiệm vụ.xlsx"
    r.ok("export", plan_id, "--xlsx", r.arg(book))
    is_zip(book)
    back = out / "đọc lại.json"
    r.ok("import-docx", r.arg(files["ke-hoach"]), "--out", r.arg(back))
    plan = json.loads(back.read_text(encoding="utf-8"))["plan"]
    tasks = sum(len(g["tasks"]) for g in plan["groups"])
    assert (len(plan["groups"]), tasks) == (GROUPS, TASKS), (len(plan["groups"]), tasks)
    book_back = out / "đọc lại từ Excel.json"
    r.ok("import-xlsx", r.arg(book), "--out", r.arg(book_back))
    plan = json.loads(book_back.read_text(encoding="utf-8"))["plan"]
    assert sum(len(g["tasks"]) for g in plan["groups"]) == TASKS


def a_path_longer_than_260_characters(r: Runner):
    """Deep folders (over MAX_PATH): the export works, or says why in Vietnamese."""
    plan_id = sample_id(r)
    deep = r.work
    while len(r.arg(deep)) < 280:
        deep = deep / "Thư mục kế hoạch chuyển đổi số"
    target = deep / "Kế hoạch.docx"
    try:
        deep.mkdir(parents=True)
    except OSError:
        return  # the file system itself refuses: nothing of ours to test
    # A draft: the path is what is tried here, not whether the plan may be issued.
    code, _, err = r.run("export", plan_id, "--docx", r.arg(target), "--draft")
    if code == 0:
        is_zip(target)
        return f"{len(r.arg(target))} ký tự: xuất được"
    vietnamese(err)
    assert not target.exists()
    return f"{len(r.arg(target))} ký tự: {err.strip()}"


def plan_files_with_crlf_and_a_bom(r: Runner):
    """A plan file saved by Notepad (UTF-8 BOM, CRLF) reads; pasted text with CRLF is stored
    with plain line breaks."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["plan"]["vision"] = "Dòng một\r\nDòng hai"
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\r\n")
    path = r.work / "kế hoạch (Notepad).json"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    before = {p["id"] for p in json.loads(r.ok("list", "--json"))}
    r.ok("import-file", r.arg(path))
    [plan_id] = [p["id"] for p in json.loads(r.ok("list", "--json")) if p["id"] not in before]
    back = r.work / "xuất lại.json"
    r.ok("export-file", plan_id, r.arg(back))
    plan = json.loads(back.read_text(encoding="utf-8"))["plan"]
    assert plan["vision"] == "Dòng một\nDòng hai", repr(plan["vision"])


def two_processes_editing_one_database(r: Runner):
    """Two dxplan processes add tasks to one plan at the same time: none is lost."""
    # A copy of the sample: the tasks added have no deadline, which the final check of the
    # other scenarios' final exports would refuse.
    plan_id = r.ok("duplicate", sample_id(r)).strip()
    before = json.loads(r.ok("stats", plan_id, "--json"))["tasks"]
    per_process = 4
    failures = []

    def add(who):
        for i in range(per_process):
            code, _, err = r.run("add-task", plan_id, "--group", "1", "--title", f"Nhiệm vụ {who}.{i}",
                                 "--lead", "so-tttt")
            if code != 0:
                failures.append(err)

    threads = [threading.Thread(target=add, args=(w,)) for w in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    after = json.loads(r.ok("stats", plan_id, "--json"))["tasks"]
    assert after == before + 2 * per_process, (before, after)


def export_to_a_file_open_in_another_program(r: Runner):
    """Word holds the document open (no sharing): the export says so in Vietnamese and the
    file is unchanged."""
    plan_id = sample_id(r)
    target = r.work / "Kế hoạch đang mở.docx"
    r.ok("export", plan_id, "--docx", r.arg(target), "--draft")
    before = target.read_bytes()
    r.hold_open("exclusive", target)
    try:
        code, _, err = r.run("export", plan_id, "--docx", r.arg(target), "--draft")
    finally:
        r.release()
    assert code != 0, "the export claimed to overwrite a locked file"
    vietnamese(err)
    assert "đang được mở" in err, err
    assert target.read_bytes() == before, "the held file changed"


def import_a_file_word_has_open(r: Runner):
    """A document open in Word (others may read) can still be imported."""
    plan_id = sample_id(r)
    source = r.work / "Kế hoạch Word đang mở.docx"
    r.ok("export", plan_id, "--docx", r.arg(source), "--draft")
    r.hold_open("word", source)
    try:
        back = r.work / "đọc khi đang mở.json"
        r.ok("import-docx", r.arg(source), "--out", r.arg(back))
    finally:
        r.release()
    plan = json.loads(back.read_text(encoding="utf-8"))["plan"]
    expected = json.loads(r.ok("stats", plan_id, "--json"))["tasks"]
    got = sum(len(g["tasks"]) for g in plan["groups"])
    assert got == expected, f"{got} tasks read back, {expected} in the plan"


def export_over_a_read_only_file(r: Runner):
    """A read-only document: replaced, or a Vietnamese message and the file unchanged."""
    plan_id = sample_id(r)
    target = r.work / "Chỉ đọc.docx"
    r.ok("export", plan_id, "--docx", r.arg(target), "--draft")
    before = target.read_bytes()
    r.attrib_read_only(target)
    code, _, err = r.run("export", plan_id, "--docx", r.arg(target), "--draft")
    if code == 0:
        return "ghi đè được"
    vietnamese(err)
    assert target.read_bytes() == before
    return err.strip()


def an_extended_length_path(r: Runner):
    """A path in the \\\\?\\ form (network and long-path style): works or says why."""
    plan_id = sample_id(r)
    target = r.work / "Đường dẫn dài.docx"
    code, _, err = r.run("export", plan_id, "--docx", "\\\\?\\" + r.arg(target), "--draft")
    if code == 0:
        is_zip(target)
        return "xuất được"
    vietnamese(err)
    return err.strip()


def test_server():
    """The store's test server (scripts/test-server, as root installs and starts it), or None."""
    address = os.environ.get("DXPLAN_TEST_PG")
    if not address:
        p = subprocess.run(["bash", str(ROOT / "scripts/test-server")], capture_output=True, text=True)
        address = p.stdout.strip()
    return address or None


def psql(address: str, sql: str) -> str:
    return subprocess.run(["psql", address, "-tAc", sql], capture_output=True, text=True, check=True).stdout.strip()


def the_shared_server_remembered_by_the_system(r: Runner):
    """`dxplan connect`, as the window's «Máy chủ» does: a wrong password is refused and
    nothing is kept; the right one goes to the Windows Credential Manager, and the next
    commands — new processes, no password given — work on the server, over TLS when the
    server offers it (Windows' own Schannel); `disconnect` comes back to the file and
    forgets the password. Linux has no credential store the app uses: connect says so."""
    admin = test_server()
    if not admin:
        return "bỏ qua: không có máy chủ PostgreSQL (scripts/test-server)"
    rest = admin.split("://", 1)[1]
    who, where = rest.split("@", 1)
    user, password = who.split(":", 1)
    host, port = where.split("/", 1)[0].split(":")
    db = f"dxplan_scenario_{os.getpid()}"
    psql(admin, f"CREATE DATABASE {db}")
    connect = ["connect", "--host", host, "--port", port, "--database", db, "--user", user]
    try:
        sample_id(r)
        local = [p["id"] for p in json.loads(r.ok("list", "--json"))]
        if r.name != "wine":
            code, _, err = r.run(*connect, stdin=password + "\n")
            assert code != 0, "connected without a credential store"
            vietnamese(err)
            assert "không có kho mật khẩu" in err and "--db postgres://" in err, err
            return "không có kho mật khẩu: --db postgres://… cho từng lệnh"
        code, _, err = r.run(*connect, stdin="sai-mat-khau\n")
        assert code != 0, "a wrong password was taken"
        vietnamese(err)
        assert "sai tài khoản hoặc mật khẩu" in err and "sai-mat-khau" not in err, err
        assert not (r.work / "may-chu-dung-chung.json").exists()

        code, _, err = r.run(*connect, stdin=password + "\n")
        assert code == 0, err
        assert "Trình quản lý thông tin xác thực" in err, err
        saved = (r.work / "may-chu-dung-chung.json").read_text(encoding="utf-8")
        assert sorted(json.loads(saved)) == ["database", "host", "port", "user"], saved  # never the password
        where_now = r.ok("connection")
        assert f"{user}@{host}:{port}/{db}" in where_now, where_now
        offered = psql(admin, "SHOW ssl") == "on"
        assert ("mã hóa (TLS)" in where_now) == offered, where_now
        assert json.loads(r.ok("list", "--json")) == [], "the server's plans are not the file's"
        server_id = r.ok("new", "--sample").strip()
        assert psql(admin.rsplit("/", 1)[0] + "/" + db, "SELECT id FROM plans") == server_id

        r.ok("disconnect")
        assert [p["id"] for p in json.loads(r.ok("list", "--json"))] == local
        assert "Cơ sở dữ liệu trên máy này" in r.ok("connection")
        # The password went with it: the server put back without it is not opened.
        (r.work / "may-chu-dung-chung.json").write_text(saved, encoding="utf-8")
        code, out, err = r.run("list", "--json")
        assert code == 0 and "Chưa có mật khẩu" in err, err
        assert [p["id"] for p in json.loads(out)] == local
        return "kết nối " + ("mã hóa (TLS)" if offered else "không mã hóa")
    finally:
        (r.work / "may-chu-dung-chung.json").unlink(missing_ok=True)
        psql(admin, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


SCENARIOS = [
    (sample_in_the_default_database, "all"),
    (exports_into_vietnamese_folders_and_back, "all"),
    (a_path_longer_than_260_characters, "all"),
    (plan_files_with_crlf_and_a_bom, "all"),
    (two_processes_editing_one_database, "all"),
    (the_shared_server_remembered_by_the_system, "all"),
    (export_to_a_file_open_in_another_program, "windows"),
    (import_a_file_word_has_open, "windows"),
    (export_over_a_read_only_file, "windows"),
    (an_extended_length_path, "windows"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("system", choices=["linux", "wine"])
    ap.add_argument("--exe", type=Path)
    ap.add_argument("--hold", type=Path)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dxplan-scenarios-"))
    if args.system == "linux":
        runner = Linux(work, args.exe or ROOT / "target/debug/dxplan")
    else:
        runner = Wine(work, args.exe, args.hold)
    passed, failed = 0, 0
    try:
        for scenario, where in SCENARIOS:
            if where == "windows" and runner.name != "wine":
                continue
            started = time.time()
            try:
                outcome = scenario(runner)
                passed += 1
                note = f" — {outcome}" if outcome else ""
                print(f"đạt       {scenario.__name__} ({time.time() - started:.1f} s){note}")
            except Exception as e:  # a scenario's failure is reported, the others still run
                failed += 1
                print(f"KHÔNG ĐẠT {scenario.__name__}: {e}")
    finally:
        if isinstance(runner, Wine):
            runner.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
