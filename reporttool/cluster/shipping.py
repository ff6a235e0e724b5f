"""The inputs of a run as a cluster worker receives them: brand files travel as bytes, not as paths.

No file system is shared with the workers, so the brands' template and logo go along as bytes and land
in a content-addressed folder on each worker machine; the renderers then read them as they do locally.
"""
from __future__ import annotations

import dataclasses
import hashlib
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..files import write_atomic
from ..packs.plan import Inputs


@dataclass(frozen=True)
class Shipped:
    """Inputs whose brand paths name entries of `files` (sha256 + suffix), and a token naming this run."""

    inputs: Inputs
    files: dict[str, bytes]
    token: str


def ship(inputs: Inputs) -> Shipped:
    files: dict[str, bytes] = {}

    def carried(path: Path) -> Path:
        data = path.read_bytes()
        name = hashlib.sha256(data).hexdigest() + path.suffix
        files[name] = data
        return Path(name)

    brands = {key: dataclasses.replace(brand, template=carried(brand.template), logo=carried(brand.logo))
              for key, brand in inputs.brands.items()}
    return Shipped(dataclasses.replace(inputs, brands=brands), files, uuid.uuid4().hex)


_LANDED: dict[str, Inputs] = {}


def landed(shipped: Shipped) -> Inputs:
    """On a worker: the inputs with every brand file on this machine (written once, kept by content)."""
    if shipped.token not in _LANDED:
        folder = Path(tempfile.gettempdir()) / "reporttool-brand-files"
        for name, data in shipped.files.items():
            if not (folder / name).is_file():
                write_atomic(folder / name, data)
        brands = {key: dataclasses.replace(brand, template=folder / brand.template, logo=folder / brand.logo)
                  for key, brand in shipped.inputs.brands.items()}
        _LANDED.clear()  # one run at a time is worth keeping
        _LANDED[shipped.token] = dataclasses.replace(shipped.inputs, brands=brands)
    return _LANDED[shipped.token]
