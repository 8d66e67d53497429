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
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(600):
        try:
            return resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
            )
        except NoConnectException:
            time.sleep(0.1)
    raise SystemExit("LibreOffice did not start")


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
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        revisions = document.Redlines.getCount()
        frame = document.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, command, "", 0, ())
        return paragraphs(document), revisions
    finally:
        document.close(True)


def main():
    profile = tempfile.mkdtemp(prefix="clerk-lo-")
    pipe = f"clerk{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        context = connect(pipe)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext(
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
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
