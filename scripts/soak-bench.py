#!/usr/bin/env python3
"""Soak: 1,000 scripted sessions in one `oih kiosk` process; memory must not grow more than 5%
after the first 100 sessions. Prints a Markdown table."""
import os, subprocess, sys, threading

binary = sys.argv[1]
sessions = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
script = ("what is oih\n/more\nwhy does my pain spread\n/check\n5\n6\n7\nyes\nno\nnot sure\n/skip\n/menu\n"
          "/note worse at night\n/ask-doctor could my dose be too high\n/questions\n1, 2\ndone\n/summary\n"
          "i want to end my life\n/help\n/done\n")
p = subprocess.Popen([binary, "kiosk", "--config", "/dev/null"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(os.environ, NO_COLOR="1"))
resets = 0
lock = threading.Condition()
def reader():
    global resets
    for line in p.stdout:
        if b"Clearing the screen for the next person" in line:
            with lock:
                resets += 1
                lock.notify_all()
threading.Thread(target=reader, daemon=True).start()
def rss():
    with open(f"/proc/{p.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
samples = {}
for i in range(1, sessions + 1):
    p.stdin.write(script.encode()); p.stdin.flush()
    with lock:
        lock.wait_for(lambda: resets >= i, timeout=30)
    if i in (1, 100, 250, 500, 750, sessions):
        samples[i] = rss()
p.stdin.close(); p.wait(timeout=30)
base = samples[100]
growth = (samples[sessions] - base) / base * 100
print(f"## Kiosk soak ({sessions} scripted sessions in one process)\n")
print("| after session | RSS |\n|---|---|")
for k, v in samples.items():
    print(f"| {k} | {v/1024:.1f} MB |")
print(f"\nGrowth from session 100 to {sessions}: {growth:+.1f}% (goal: at most +5%). Exit status {p.returncode}.")
