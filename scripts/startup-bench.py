#!/usr/bin/env python3
"""Time from start to the first prompt (and to the first answer) of `oih` in a real
pseudo-terminal, with and without the validation stamp, and peak memory.

Usage: startup-bench.py OIH_BINARY KNOWLEDGE_DIR
"""
import os, pty, select, statistics, subprocess, sys, time

binary, knowledge = sys.argv[1], sys.argv[2]
stamp = os.path.join(knowledge, ".oih-validated")
runs = 20

def read_until(fd, buffer, test, start):
    while not test(buffer):
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            raise SystemExit("no output within 10 s")
        try:
            buffer += os.read(fd, 65536)
        except OSError:
            raise SystemExit("oih exited early")
    return buffer, (time.perf_counter() - start) * 1000

def one_run():
    """Milliseconds to the first prompt, and to the answer of a question typed at once."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["NO_COLOR"] = "1"
        os.execv(binary, [binary, "--knowledge", knowledge])
    start = time.perf_counter()
    buffer, prompt = read_until(fd, b"", lambda b: b"\n> " in b or b.endswith(b"> "), start)
    os.write(fd, b"what is oih\r")
    mark = len(buffer)
    _, answer = read_until(fd, buffer, lambda b: b"Sources:" in b[mark:] or b"sources" in b[mark:].lower(), start)
    # A person at a terminal who read a topic is asked "Save or print your summary first?"
    # when leaving; Ctrl-D at its prompt leaves. Keys typed before the prompt may be dropped
    # when the line editor takes the terminal, so Ctrl-D is sent again until the program ends.
    os.write(fd, b"/quit\r")
    for _ in range(20):
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        else:
            os.write(fd, b"\x04")
    os.waitpid(pid, 0)
    return prompt, answer

def measure():
    results = [one_run() for _ in range(runs)]
    prompts = [p for p, _ in results]
    answers = [a for _, a in results]
    return prompts, answers

def row(label, values, goal):
    print(f"| {label}, median of {runs} | {statistics.median(values):.1f} ms (min {min(values):.1f}, max {max(values):.1f}) | {goal} |")

subprocess.run([binary, "knowledge", "validate", "--quiet", knowledge], stdout=subprocess.DEVNULL, check=True)
with_stamp = measure()
os.remove(stamp)
without_stamp = measure()
subprocess.run([binary, "knowledge", "validate", "--quiet", knowledge], stdout=subprocess.DEVNULL, check=True)

rss = []
for _ in range(5):
    r = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "--knowledge", knowledge],
                       input=b"what is oih\n/check\n5\n/summary\n/quit\n", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rss.append(int(r.stderr.decode().strip().splitlines()[-1]))

print("## Start-up and memory (release binary)\n")
print("Installed and `scripts/start` runs validate the knowledge base once (`oih knowledge validate` writes")
print("`Knowledge/.oih-validated`), so a start reads every file and checks the syntax, schema and guides of all")
print("but redflags.yaml, without repeating the content checks; redflags.yaml is parsed by the thread that builds")
print("the red-flag matcher, and the matcher and search index finish on other threads while the welcome shows;")
print("the first line waits for them. Without the stamp (the files or the program just changed) everything is")
print("checked before the welcome.\n")
print("| measurement | value | goal |\n|---|---|---|")
row("time from start to first prompt, pty, validated files", with_stamp[0], "under 30 ms")
row("time from start to the first answer, question typed at the prompt, validated files", with_stamp[1], "-")
row("time from start to first prompt, pty, files changed (full validation)", without_stamp[0], "-")
row("time from start to the first answer, files changed (full validation)", without_stamp[1], "-")
print(f"| peak memory (max RSS) for a short piped session, max of 5 | {max(rss)/1024:.1f} MB | under 30 MB |")
