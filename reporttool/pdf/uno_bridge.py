"""A kept LibreOffice's converter: run by a Python that has LibreOffice's `uno` module, not by reporttool's.

Usage: PYTHON uno_bridge.py SOFFICE PROFILE_DIR. It starts LibreOffice listening on a private pipe, then
reads one JSON line per conversion on stdin ({"source": docx path, "target": pdf path}) and answers one
JSON line on stdout ({"ok": true} or {"error": why}). It imports nothing from reporttool: the Python
that carries `uno` (Debian's python3-uno, or LibreOffice's own) is usually not the one reporttool runs in.
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

# The same export as `--convert-to` with reporttool's filter (pdf/libreoffice.py PDF_FILTER).
FILTER = "writer_pdf_Export"
CONNECT_SECONDS = 120.0


def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def start(soffice, profile):
    """LibreOffice in this process group (so one kill ends both), and its desktop once it answers."""
    pipe = "reporttool-%d" % os.getpid()
    subprocess.Popen([soffice, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                      "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
                      "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     env={**os.environ, "HOME": profile})
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def convert(desktop, source, target):
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                            (prop("Hidden", True), prop("ReadOnly", True)))
    if document is None:
        raise ValueError("LibreOffice could not open the Word file")
    try:
        data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("ReduceImageResolution", False),))
        uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(target),
                                            (prop("FilterName", FILTER), prop("FilterData", data))))
    finally:
        document.close(True)


def main():
    desktop = start(sys.argv[1], sys.argv[2])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        try:
            convert(desktop, job["source"], job["target"])
            answer = {"ok": True}
        except Exception as exc:  # the caller decides: a dead LibreOffice is restarted, a bad file fails alone
            answer = {"error": "%s: %s" % (type(exc).__name__, exc)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
