"""A rewrite of about 2,000 units for the benchmark of the tables of
destinations and origins: Bury's clauses, twelve to a section, then the
rewrite a council makes of a Part (a new first section so every number
changes; 30% of clauses moved to other sections, 20% reworded, 5%
omitted). Deterministic: the same files every run.

Usage: python3 benches/rewrite.py SOURCE.md OUT_DIR
"""

import random
import re
import sys

source, out = sys.argv[1], sys.argv[2]
random.seed(7)
body = open(source, encoding="utf-8").read().split("+++", 2)[2]
clauses = [
    m.group(1)
    for m in re.finditer(r"^\d+(?:\.\d+)+\.?\s+(.+)$", body, re.M)
    if "[" not in m.group(1) and "*" not in m.group(1)
]
sections, count, k = [], 0, 0
while count < 2000:
    section = []
    for _ in range(12):
        text = clauses[k % len(clauses)]
        copy = k // len(clauses)
        section.append(text + (f" (copy {copy})" if copy else ""))
        k += 1
        count += 1
    sections.append((f"Section title {len(sections)}", section))


def document(sections, version):
    out = f'+++\ncouncil = "t"\ntitle = "Rules"\nversion = "{version}"\nstatus = "adopted"\n+++\n'
    for i, (title, texts) in enumerate(sections):
        out += f"\n# {i + 1}. {title}\n"
        for j, text in enumerate(texts):
            out += f"\n{i + 1}.{j + 1} {text}\n"
    return out


new = [("New introduction", ["This is new drafting for the rewrite."])]
new += [(title, list(texts)) for title, texts in sections]
moving = []
for _, texts in new[1:]:
    kept = []
    for text in texts:
        roll = random.random()
        if roll < 0.05:
            continue
        if roll < 0.35:
            moving.append(text)
            continue
        if roll < 0.55:
            words = text.split(" ")
            for q in range(3, len(words), 9):
                words[q] = "promptly"
            text = " ".join(words)
        kept.append(text)
    texts[:] = kept
for text in moving:
    _, texts = random.choice(new[1:])
    texts.insert(random.randrange(len(texts) + 1), text)
open(f"{out}/old.md", "w", encoding="utf-8").write(document(sections, "1"))
open(f"{out}/new.md", "w", encoding="utf-8").write(document(new, "2"))
