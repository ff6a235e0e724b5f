"""`--brand NAME` means a shipped brand; a path means a folder, and a name that is both says which it took."""
from __future__ import annotations

from reporttool.brand.folder import TEMPLATES, brand_folder

from .test_build_cli import EXAMPLE


def test_a_bare_shipped_name_is_the_shipped_brand_even_beside_a_folder_of_that_name(tmp_path, run_cli, monkeypatch):
    (tmp_path / "meridian").mkdir()  # a designer's copy in progress, without brand.toml yet
    code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path / "out", "--brand", "meridian", "--format", "docx",
                             cwd=tmp_path)
    assert code == 0, out + err
    assert "using the shipped brand 'meridian'" in err and "write ./meridian" in err
    code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path / "out2", "--brand", "./meridian", cwd=tmp_path)
    assert code == 2 and "brand.toml cannot be read" in out
    monkeypatch.chdir(tmp_path)
    assert brand_folder("Meridian") == TEMPLATES / "meridian" and brand_folder("./meridian").name == "meridian"
    assert brand_folder("./meridian") != TEMPLATES / "meridian"


def test_a_name_shipped_nowhere_is_a_folder_here(tmp_path, run_cli):
    code, out, err = run_cli("build", EXAMPLE, "-o", tmp_path / "out", "--brand", "mybrand", cwd=tmp_path)
    assert code == 2 and "note:" not in err
