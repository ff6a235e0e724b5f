"""Whether a PNG is whole: a signature, chunks whose checksums hold, pixel data that inflates, an end."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

MAX_BYTES = 5 << 20  # a logo of a few hundred pixels is a few KB
MAX_SIDE = 20000
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_INFLATE_CAP = 256 << 20  # pixel bytes inflated to check them; the data is thrown away as it comes


def png_problem(path: Path) -> str:
    """Why the file is not a whole PNG, or "" when it is: a logo with a good header and a broken body would
    otherwise be embedded in every briefing and show as a broken picture."""
    if path.stat().st_size > MAX_BYTES:
        return f"it is over {MAX_BYTES >> 20} MB"
    data = path.read_bytes()
    if not data.startswith(_SIGNATURE):
        return "it is not a PNG file"
    chunks, problem = _chunks(data)
    if problem:
        return problem
    width, height = struct.unpack(">II", chunks[0][1][:8]) if chunks[0][0] == b"IHDR" else (0, 0)
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        return "its header gives no usable size"
    return _inflates(b"".join(body for kind, body in chunks if kind == b"IDAT"))


def _chunks(data: bytes) -> tuple[list[tuple[bytes, bytes]], str]:
    chunks, at = [], len(_SIGNATURE)
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body, crc = data[at + 8:at + 8 + length], data[at + 8 + length:at + 12 + length]
        if len(crc) < 4 or zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
            return chunks, f"its {kind.decode('latin-1')!r} chunk is damaged"
        chunks.append((kind, body))
        if kind == b"IEND":
            return chunks, "" if chunks[0][0] == b"IHDR" else "it has no header chunk"
        at += 12 + length
    return chunks, "it is cut short (no end chunk)"


def _inflates(pixels: bytes) -> str:
    if not pixels:
        return "it holds no picture data"
    inflater, total = zlib.decompressobj(), 0
    try:
        while pixels and total <= _INFLATE_CAP:
            total += len(inflater.decompress(pixels, 1 << 20))
            pixels = inflater.unconsumed_tail
    except zlib.error:
        return "its picture data is damaged"
    return "" if inflater.eof else "its picture data is cut short"
