#!/usr/bin/env python3
"""Time from start to the first prompt of `oih` in a real pseudo-terminal, and peak memory."""
import os, pty, select, statistics, subprocess, sys, time

binary = sys.argv[1]
runs = 20

def first_prompt_ms():
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["NO_COLOR"] = "1"
        os.execv(binary, [binary])
    start = time.perf_counter()
    buffer = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            raise SystemExit("no prompt within 10 s")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            raise SystemExit("oih exited before its prompt")
        buffer += chunk
        if b"\n> " in buffer or buffer.endswith(b"> "):
            elapsed = (time.perf_counter() - start) * 1000
            break
    os.write(fd, b"/quit\r")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return elapsed

times = [first_prompt_ms() for _ in range(runs)]
rss = []
for _ in range(5):
    r = subprocess.run(["/usr/bin/time", "-f", "%M", binary], input=b"what is oih\n/check\n5\n/summary\n/quit\n",
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rss.append(int(r.stderr.decode().strip().splitlines()[-1]))
print("## Start-up and memory (release binary)\n")
print("| measurement | value | goal |\n|---|---|---|")
print(f"| time from start to first prompt, pty, median of {runs} | {statistics.median(times):.1f} ms (min {min(times):.1f}, max {max(times):.1f}) | under 30 ms |")
print(f"| peak memory (max RSS) for a short piped session, max of 5 | {max(rss)/1024:.1f} MB | under 30 MB |")
