"""Re-numbers Word files in LibreOffice the way councils' Word files are
numbered: the section and clause numbers written as text are taken out,
and LibreOffice's outline numbering, linked to the paragraph styles,
numbers them again ("1.", "1.1", "1.1.1"), as Word's multilevel list on
the Heading styles does. Each file is saved by LibreOffice as Word.

Usage: /usr/bin/python3 number_by_styles.py OUT_DIR FILE.docx...
Needs Debian's libreoffice-writer-nogui and python3-uno.
"""

import os
import re
import sys

import uno

from office import load, office, prop

ARABIC = 4
HEADING = re.compile(r"^(\d+)\.\s+")
CLAUSE = re.compile(r"^(\d+(?:\.\d+)+)\.?\t")


def rule_style(document, depth):
    """The paragraph style of clauses `depth` numbers deep, made once."""
    name = f"Rule {depth}"
    styles = document.StyleFamilies.getByName("ParagraphStyles")
    if not styles.hasByName(name):
        style = document.createInstance("com.sun.star.style.ParagraphStyle")
        styles.insertByName(name, style)
        style.setParentStyle("Clause")
    return name


def number_outline(document, deepest):
    """Outline level 1 numbers "Heading 1" as "1.", level n the clauses n
    numbers deep as "1.1", "1.1.1", each linked to its style."""
    rules = document.getChapterNumberingRules()
    for level in range(deepest):
        props = list(rules.getByIndex(level))
        # "1.", "1.1", "1.1.1": LibreOffice 7.2 on writes the label as a
        # format; older versions build it from the parents and the suffix.
        form = ".".join(f"%{k}%" for k in range(1, level + 2)) + ("." if level == 0 else "")
        wanted = {
            "ListFormat": form,
            "NumberingType": ARABIC,
            "ParentNumbering": level + 1,
            "Suffix": "." if level == 0 else "",
            "Prefix": "",
            "StartWith": 1,
            "HeadingStyleName": "Heading 1" if level == 0 else f"Rule {level + 1}",
        }
        for p in props:
            if p.Name in wanted:
                p.Value = wanted.pop(p.Name)
        # What the level does not list yet (its label's format) is added.
        props.extend(prop(name, value) for name, value in wanted.items())
        uno.invoke(
            rules,
            "replaceByIndex",
            (level, uno.Any("[]com.sun.star.beans.PropertyValue", tuple(props))),
        )


def strip(paragraph, length):
    cursor = paragraph.getText().createTextCursorByRange(paragraph.getStart())
    cursor.goRight(length, True)
    cursor.setString("")


def renumber(document):
    # The file asks for changes to be tracked; these are not changes to track.
    document.setPropertyValue("RecordChanges", False)
    deepest = 1
    enumeration = document.Text.createEnumeration()
    paragraphs = []
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            paragraphs.append(element)
    for paragraph in paragraphs:
        text = paragraph.getString()
        style = paragraph.getPropertyValue("ParaStyleName")
        if style == "Heading 1":
            found = HEADING.match(text)
            if found:
                strip(paragraph, len(found.group(0)))
        elif style == "Clause":
            found = CLAUSE.match(text)
            if found:
                depth = found.group(1).count(".") + 1
                deepest = max(deepest, depth)
                name = rule_style(document, depth)
                strip(paragraph, len(found.group(0)))
                paragraph.setPropertyValue("ParaStyleName", name)
    number_outline(document, deepest)


def main():
    out_dir = sys.argv[1]
    with office("clerknum") as (_, desktop):
        for path in sys.argv[2:]:
            document = load(desktop, path)
            try:
                renumber(document)
                out = os.path.join(os.path.abspath(out_dir), os.path.basename(path))
                document.storeToURL(
                    uno.systemPathToFileUrl(out), (prop("FilterName", "MS Word 2007 XML"),)
                )
            finally:
                document.close(True)


if __name__ == "__main__":
    main()
