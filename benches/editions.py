#!/usr/bin/env python3
"""A council of three editions from a benchmark corpus: each document of
SOURCE (a corpus's council folder) adopted in 2022, revised in 2024 (a
word changed, a clause inserted) and again in 2026 (a word changed), each
revision superseding the one before. Written to OUT/bench.

Usage: editions.py SOURCE OUT
"""

import os
import re
import sys

source, out = sys.argv[1], os.path.join(sys.argv[2], "bench")
os.makedirs(out, exist_ok=True)
with open(os.path.join(source, "council.toml")) as f:
    council = f.read()
with open(os.path.join(out, "council.toml"), "w") as f:
    f.write(council)
for name in sorted(os.listdir(source)):
    if not name.endswith(".md"):
        continue
    stem = name[:-3]
    with open(os.path.join(source, name)) as f:
        _, head, body = f.read().split("+++\n", 2)
    head = re.sub(r"adopted = .*", "adopted = 2022-05-16", head)

    def version(label, year, text, supersedes):
        front = head.replace('version = "1"', f'version = "{label}"')
        front = front.replace("adopted = 2022-05-16", f"adopted = {year}-05-16")
        if supersedes:
            front += f'supersedes = "{supersedes}"\n'
        return "+++\n" + front + "+++\n" + text

    second = re.sub(
        r"(\n# 1\. [^\n]*\n)",
        r"\1\n1.0 This version was revised in 2024.\n",
        body.replace(" the ", " the said ", 1),
        count=1,
    )
    third = second.replace(" Council", " council", 1)
    for file, text in [
        (f"{stem}.md", version("1", 2022, body, None)),
        (f"{stem}-v2.md", version("2", 2024, second, stem)),
        (f"{stem}-v3.md", version("3", 2026, third, f"{stem}-v2")),
    ]:
        with open(os.path.join(out, file), "w") as f:
            f.write(text)
