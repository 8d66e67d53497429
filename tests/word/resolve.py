"""Opens Word files in LibreOffice and reads their text after Accept All
and after Reject All tracked changes, as a reviewer would in Writer.

Usage: /usr/bin/python3 resolve.py FILE.docx... > result.json
Prints {"FILE.docx": {"accepted": [paragraphs], "rejected": [paragraphs],
"accepted_styles": [styles], "rejected_styles": [styles], "revisions": n},
...}: each paragraph's style is its paragraph style's name, with " (list)"
when Word numbering or bullets are applied to it. Needs Debian's libreoffice-writer-nogui and
python3-uno (run with Debian's own /usr/bin/python3, which has uno).
"""

import json
import sys

from office import load, office


def style(paragraph):
    """A paragraph's style name, and whether a list's numbering or bullet is on it."""
    name = paragraph.getPropertyValue("ParaStyleName")
    try:
        listed = bool(paragraph.getPropertyValue("NumberingIsNumber")) and bool(
            paragraph.getPropertyValue("NumberingStyleName")
            or paragraph.getPropertyValue("ListId")
        )
    except Exception:
        listed = False
    return name + (" (list)" if listed else "")


def text_paragraphs(text, out, styles):
    """The paragraphs of a text in order, a table's cell by cell, row by row."""
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append(element.getString())
            styles.append(style(element))
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                text_paragraphs(element.getCellByName(name).getText(), out, styles)


def paragraphs(document):
    out, styles = [], []
    text_paragraphs(document.Text, out, styles)
    return out, styles


def resolve(desktop, dispatcher, path, command):
    document = load(desktop, path)
    try:
        revisions = document.Redlines.getCount()
        frame = document.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, command, "", 0, ())
        return paragraphs(document), revisions
    finally:
        document.close(True)


def main():
    with office("clerk") as (context, desktop):
        dispatcher = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", context
        )
        result = {}
        for path in sys.argv[1:]:
            (accepted, accepted_styles), revisions = resolve(
                desktop, dispatcher, path, ".uno:AcceptAllTrackedChanges"
            )
            (rejected, rejected_styles), _ = resolve(
                desktop, dispatcher, path, ".uno:RejectAllTrackedChanges"
            )
            result[path] = {
                "accepted": accepted,
                "rejected": rejected,
                "accepted_styles": accepted_styles,
                "rejected_styles": rejected_styles,
                "revisions": revisions,
            }
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
