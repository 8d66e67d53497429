"""A LibreOffice started headless for the Word client tests, and reached
over a pipe with Python UNO (Debian's libreoffice-writer-nogui and
python3-uno; run with Debian's own /usr/bin/python3)."""

import contextlib
import os
import subprocess
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


@contextlib.contextmanager
def office(name):
    """LibreOffice with a profile of its own; yields its component context."""
    profile = tempfile.mkdtemp(prefix="clerk-lo-")
    pipe = f"{name}{os.getpid()}"
    process = subprocess.Popen(
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
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        yield context, desktop
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def load(desktop, path):
    """A Word file opened hidden."""
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
