"""Launch time and memory of the desktop app, measured from outside like a person would see
it: the release binary under Xvfb at 1366×768, screenshots every few tens of milliseconds
until the window shows usable content, then the PSS of the app and its WebKit processes.

Run 1 starts on an empty database (first start: database created, sample plan added) and
opens the sample; runs 2… reopen it, as the planner does every morning (the app resumes on
the plan's editor). Prints the figures and the targets.

Then the same measure of WebKitGTK alone: its own MiniBrowser showing one heading, no script,
under the same display and settings. What WebKitGTK needs before any page of ours runs is not
the app's to lower; the difference is."""

import glob
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

APP = Path(sys.argv[1])
DISPLAY = os.environ["DISPLAY"]
RUNS = int(os.environ.get("RUNS", "5"))
BRAND = (179, 38, 30)  # --accent, the "KH CĐS" mark in the top bar


def screenshot():
    # `import` fails now and then while a window is being mapped: try again.
    for _ in range(20):
        r = subprocess.run(["import", "-window", "root", "png:-"], capture_output=True)
        if r.returncode == 0:
            return Image.open(io.BytesIO(r.stdout)).convert("RGB")
        time.sleep(0.02)
    raise RuntimeError(r.stderr.decode())


def near(p, c, tol=40):
    return abs(p[0] - c[0]) + abs(p[1] - c[1]) + abs(p[2] - c[2]) < tol


def red_pixels(img, box):
    x0, y0, x1, y1 = box
    return [(x, y) for y in range(y0, y1) for x in range(x0, x1) if near(img.getpixel((x, y)), BRAND)]


def red_in(img, box):
    return len(red_pixels(img, box))


ROW = (900, 228, 1366, 258)  # the sample's row in the plans table: its red "Mở" button
ACTIVE = (253, 232, 231)  # the outline's selected section


def usable(img, editor):
    if red_in(img, (0, 0, 90, 40)) < 20:
        return False
    if editor:  # the outline is drawn with its selected section
        return any(near(img.getpixel((x, 62)), ACTIVE, 12) for x in range(10, 190, 10))
    return red_in(img, ROW) > 200


def tree(pid):
    out = {pid}
    for line in subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout.splitlines():
        p, pp = map(int, line.split())
        if pp in out:
            out.add(p)
    # twice, for grandchildren (WebKit's network and web processes)
    for line in subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout.splitlines():
        p, pp = map(int, line.split())
        if pp in out:
            out.add(p)
    return out


def pss_mb(pid):
    total = 0
    for p in tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def launch(db, editor):
    env = dict(os.environ, DXPLAN_DB=str(db))
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(APP)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        if usable(screenshot(), editor):
            return proc, time.perf_counter() - t0
        if time.perf_counter() - t0 > 30:
            proc.kill()
            sys.exit("the window did not become usable within 30 s")


def main():
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "dxplan.sqlite"
    proc, first = launch(db, editor=False)
    # Open the sample (the "Mở" button of its row), so that later starts resume on it.
    button = red_pixels(screenshot(), ROW)
    x = sorted(p[0] for p in button)[len(button) // 3]
    subprocess.run(["xdotool", "mousemove", str(x), "243", "click", "1"], check=True)
    time.sleep(2)
    proc.terminate()
    proc.wait(10)

    times, memory = [], []
    for _ in range(RUNS):
        proc, t = launch(db, editor=True)
        times.append(t)
        time.sleep(3)  # let the page settle before measuring memory
        memory.append(pss_mb(proc.pid))
        shot = tmp / "measured.png"
        screenshot().save(shot)
        proc.terminate()
        proc.wait(10)
    print(f"first start (new database, sample added), to a usable window: {first:.2f} s")
    print(f"reopen on the sample's editor, to a usable window: median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {RUNS} runs)   target < 1.5 s")
    mb = statistics.median(memory)
    print(f"memory with the sample open (PSS, app + WebKit processes): median {mb:.0f} MB "
          f"(max {max(memory):.0f})   target < 140 MB")
    floor = webkit_alone()
    if floor is not None:
        print(f"WebKitGTK {webkit_version()} alone (MiniBrowser, one heading, no script): {floor:.0f} MB; "
              f"the app's own share: {mb - floor:.0f} MB")
    print(f"last screenshot: {shot}")


def webkit_version():
    r = subprocess.run(["pkg-config", "--modversion", "webkit2gtk-4.1"], capture_output=True, text=True)
    return r.stdout.strip() or "?"


def webkit_alone():
    """PSS of WebKitGTK's MiniBrowser (shipped with the library) showing one line of text, with
    the settings the app starts WebKit with (main.rs): the floor under any page of ours."""
    found = glob.glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser")
    if not found:
        print("(MiniBrowser not found: WebKitGTK alone not measured)")
        return None
    env = dict(os.environ, WEBKIT_DISABLE_DMABUF_RENDERER="1")
    page = "data:text/html;charset=utf-8,<h1>K%E1%BA%BF ho%E1%BA%A1ch chuy%E1%BB%83n %C4%91%E1%BB%95i s%E1%BB%91</h1>"
    figures = []
    for _ in range(3):
        proc = subprocess.Popen([found[0], page], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(4)
        figures.append(pss_mb(proc.pid))
        proc.terminate()
        proc.wait(10)
    return statistics.median(figures)


main()
