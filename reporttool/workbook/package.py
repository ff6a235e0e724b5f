"""Look at a workbook file before any parser does: its first bytes, its zip directory, its XML.

A hostile or mistaken file is refused here, in bounded time and memory, with a message that says
what the file really is and how to fix it.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..issues import Issue, Location, issue
from ..xmlcheck import DTD

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\s[^>]*>")
_HIDDEN = re.compile(rb"\shidden=\"(?:1|true)\"")
_ROW_NUMBER = re.compile(rb"\sr=\"(\d+)\"")
_CHUNK = 1 << 20
_OVERLAP = 128


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile file from taking unbounded time or memory."""

    max_inflated_mb: int = 256
    max_rows: int = 100_000
    max_parts: int = 10_000

    @property
    def max_inflated(self) -> int:
        return self.max_inflated_mb * 1024 * 1024


class FileProblem(Exception):
    """A file that cannot be read or is unsafe (exit code 3)."""

    def __init__(self, problem: Issue):
        super().__init__(str(problem))
        self.issue = problem


class PackageInfo:
    """What the scan learnt: which parts hold formulas or merged cells, whether macros are inside."""

    __slots__ = ("has_macros", "formula_parts", "merges", "hidden_rows", "sheet_parts")

    def __init__(self, has_macros: bool = False):
        self.has_macros = has_macros
        self.formula_parts: set[str] = set()
        self.merges: dict[str, set[tuple[int, int, int, int]]] = {}
        self.hidden_rows: dict[str, set[int]] = {}  # part name -> rows hidden in Excel
        self.sheet_parts: dict[str, str] = {}  # sheet title -> part name


# Excel's "Strict Open XML Spreadsheet" save option: the same sheets under other namespaces, which openpyxl
# does not know; read anyway, every sheet would seem missing
STRICT_SPREADSHEETML = "http://purl.oclc.org/ooxml/spreadsheetml/main"


def refuse(code: str, path: Path, message: str, hint: str) -> FileProblem:
    return FileProblem(issue(code, Location(file=str(path)), message, hint))


def inspect_package(path: Path, limits: Limits) -> PackageInfo:
    """Refuse anything that is not a safe, bounded .xlsx package; report what later steps need."""
    head = _head(path)
    if head.startswith(OLE_MAGIC):
        raise _ole_problem(path)
    if not head.startswith(ZIP_MAGIC):
        raise _not_zip_problem(path, head)
    try:
        with zipfile.ZipFile(path) as archive:
            return _scan(path, archive, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise refuse("corrupt", path, f"{path.name} is damaged or truncated ({exc})",
                     "ask the sender for the file again, or open it in Excel and save a fresh copy") from None


def _head(path: Path) -> bytes:
    if path.exists() and not path.is_file():  # a folder, a pipe or a device: reading it could block forever
        raise refuse("not-a-workbook", path, f"{path} is not a file", "give the path of the .xlsx workbook")
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except FileNotFoundError:
        raise refuse("not-found", path, f"{path} does not exist", "check the file name and folder") from None
    except OSError as exc:
        raise refuse("not-found", path, f"{path} cannot be opened: {exc.strerror}", "check its permissions") from None
    if not head:
        raise refuse("empty-file", path, f"{path.name} is empty (0 bytes)", "save the workbook again from Excel")
    return head


def _ole_problem(path: Path) -> FileProblem:
    with open(path, "rb") as fh:
        data = fh.read(4 * 1024 * 1024)
    if ENCRYPTION_MARK in data:
        return refuse("encrypted", path, f"{path.name} is protected with a password",
                      "in Excel: File > Info > Protect Workbook > Encrypt with Password, clear the password, save")
    return refuse("not-a-workbook", path, f"{path.name} is an old Excel 97-2003 (.xls) file",
                  "open it in Excel and use File > Save As > Excel Workbook (.xlsx)")


def _not_zip_problem(path: Path, head: bytes) -> FileProblem:
    if path.name.startswith("~$"):
        return refuse("not-a-workbook", path, f"{path.name} is the lock file Excel keeps while a workbook is open",
                      f"give the workbook itself: {path.name[2:]}")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if text and ("," in text or ";" in text or "\t" in text):
        return refuse("not-a-workbook", path, f"{path.name} is a text (CSV) file, not an .xlsx workbook",
                      "open it in Excel and use File > Save As > Excel Workbook (.xlsx)")
    return refuse("not-a-workbook", path, f"{path.name} is not an Excel .xlsx workbook",
                  "start from `reporttool init briefing.xlsx`, or save the file from Excel as .xlsx")


def _scan(path: Path, archive: zipfile.ZipFile, limits: Limits) -> PackageInfo:
    entries = archive.infolist()
    names = {e.filename for e in entries}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
            raise refuse("not-a-workbook", path, f"{path.name} is an OpenDocument (LibreOffice) file, not .xlsx",
                          "in LibreOffice: File > Save As > Excel 2007-365 (.xlsx)")
        raise refuse("not-a-workbook", path, f"{path.name} is a zip file but not an Excel workbook",
                     "save the file from Excel as .xlsx")
    if len(entries) > limits.max_parts:
        raise refuse("too-large", path, f"{path.name} holds more than {limits.max_parts:,} parts",
                     "Excel never writes so many; save a fresh copy from Excel as .xlsx")
    if sum(e.file_size for e in entries) > limits.max_inflated:
        raise _too_large(path, limits)
    info = PackageInfo(has_macros="xl/vbaProject.bin" in names)
    budget = limits.max_inflated
    for entry in sorted(entries, key=lambda e: e.filename):
        budget = _scan_entry(path, archive, entry, info, budget, limits)
    info.sheet_parts = _sheet_parts(path, archive)
    return info


def _too_large(path: Path, limits: Limits) -> FileProblem:
    return refuse("too-large", path, f"{path.name} inflates to more than {limits.max_inflated_mb} MB",
                  "if the workbook is genuine, raise the cap with --max-size MB")


def _scan_entry(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, info: PackageInfo,
                budget: int, limits: Limits) -> int:
    """Inflate one part with a byte budget, looking for DTDs, formulas and merged cells."""
    is_xml = entry.filename.endswith((".xml", ".rels"))
    is_sheet = entry.filename.startswith("xl/worksheets/") and is_xml
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(_CHUNK):
            budget -= len(chunk)
            if budget < 0:
                raise _too_large(path, limits)
            window = tail + chunk
            if is_xml and DTD.search(window):
                raise refuse("unsafe-xml", path, f"{entry.filename} declares a DOCTYPE or XML entities",
                             "this is not a file Excel writes; do not open it, ask the sender where it came from")
            if is_sheet:
                _note_sheet_features(entry.filename, window, info)
            tail = window[-_OVERLAP:]
    return budget


def _note_sheet_features(part: str, window: bytes, info: PackageInfo) -> None:
    if _FORMULA.search(window):
        info.formula_parts.add(part)
    for m in _MERGE.finditer(window):  # a set: the window overlap may show a range twice
        spans = info.merges.setdefault(part, set())
        spans.add((int(m[2]), _column_number(m[1].decode()), int(m[4]), _column_number(m[3].decode())))
    if b'hidden="' in window:  # rare: skip the row scan for the usual sheet
        for tag in _ROW_TAG.finditer(window):
            if _HIDDEN.search(tag[0]) and (number := _ROW_NUMBER.search(tag[0])):
                info.hidden_rows.setdefault(part, set()).add(int(number[1]))


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _sheet_parts(path: Path, archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet titles -> worksheet part names, from workbook.xml and its relationships."""
    from defusedxml import ElementTree as SafeET

    try:
        book = SafeET.fromstring(archive.read("xl/workbook.xml"))
        rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception as exc:  # defusedxml raises several kinds; all mean the same to the user
        raise refuse("corrupt", path, f"{path.name} has an unreadable workbook part ({exc})",
                     "open it in Excel and save a fresh copy") from None
    if book.tag.startswith(f"{{{STRICT_SPREADSHEETML}}}"):
        raise refuse("not-a-workbook", path, f"{path.name} is saved as Strict Open XML, which this reader cannot read",
                     "in Excel: File > Save As > Excel Workbook (.xlsx), not Strict Open XML Spreadsheet")
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in book.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"):
        rid = sheet.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        target = targets.get(rid, "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts
