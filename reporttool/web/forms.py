"""Reading multipart uploads with caps on files and fields, and the helpers every route shares."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from ..workbook.package import Limits
from .checking import save_upload
from .settings import Settings
from .store import Store, Upload

MAX_FILES = 100  # briefings in one batch upload
MAX_FIELDS = 50


def state(request: Request) -> tuple[Store, Settings, str]:
    """The store, the settings and whose request this is (set by the Guard)."""
    return request.app.state.store, request.app.state.settings, request.state.owner


def read_form(request: Request):
    """The multipart form, bounded: a few fields of at most 64 KB each, at most MAX_FILES files (the Guard
    already caps the whole body)."""
    return request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS, max_part_size=64 * 1024)


def files_of(form, field: str) -> list[UploadFile]:
    return [f for f in form.getlist(field) if isinstance(f, UploadFile) and f.filename]


async def store_file(request: Request, file: UploadFile, kind: str) -> Upload:
    store, settings, owner = state(request)
    return await run_in_threadpool(save_upload, store, owner, kind, file.filename or "workbook.xlsx", file.file,
                                   settings.limits)


def one_file(form, field: str = "workbook") -> UploadFile:
    found = files_of(form, field)
    if not found:
        raise HTTPException(400, f"Attach the workbook as the multipart field {field!r}.")
    return found[0]


def limits(request: Request) -> Limits:
    return request.app.state.settings.limits
