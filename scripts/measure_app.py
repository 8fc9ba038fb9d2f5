"""Launch time and memory of the desktop app, measured from outside like a person would see
it: the release binary under Xvfb at 1366×768, screenshots every few tens of milliseconds
until the window shows usable content, then the PSS of the app and its WebKit processes.

Run 1 starts on an empty database (first start: database created, sample plan added) and
opens the sample; runs 2… reopen it, as the planner does every morning (the app resumes on
the plan's editor). Prints the figures and the targets."""

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
    png = subprocess.run(["import", "-window", "root", "png:-"], capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def red_in(img, box):
    region = img.crop(box)
    return sum(1 for p in region.getdata() if abs(p[0] - BRAND[0]) + abs(p[1] - BRAND[1]) + abs(p[2] - BRAND[2]) < 40)


def usable(img, editor):
    if red_in(img, (0, 0, 90, 40)) < 20:
        return False
    if editor:  # the outline's marks and the findings panel are drawn
        return img.getpixel((1100, 300)) != img.getpixel((1100, 700)) or red_in(img, (1100, 40, 1366, 80)) > 5
    return red_in(img, (1050, 225, 1130, 260)) > 50  # the "Mở" button of the sample's row


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
    subprocess.run(["xdotool", "mousemove", "1092", "243", "click", "1"], check=True)
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
    print(f"memory with the sample open (PSS, app + WebKit processes): median {statistics.median(memory):.0f} MB "
          f"(max {max(memory):.0f})   target < 200 MB")
    print(f"last screenshot: {shot}")


main()
