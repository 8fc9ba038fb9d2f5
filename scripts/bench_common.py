"""Shared by the Python side of the benchmark: read the plan file named on the command line,
time a build function, write its bytes, print "<seconds> <bytes>"."""
import io
import json
import sys
import time


def plan():
    return json.load(open(sys.argv[1], encoding="utf-8"))["plan"]


def run(build):
    """`build(buffer)` saves the document into the buffer."""
    start = time.perf_counter()
    buf = io.BytesIO()
    build(buf)
    data = buf.getvalue()
    elapsed = time.perf_counter() - start
    open(sys.argv[2], "wb").write(data)
    print(f"{elapsed:.6f} {len(data)}")
