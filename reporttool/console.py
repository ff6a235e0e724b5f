"""What the command line shows and returns, in one place: exit codes, explained failures, issue reports,
and the reading and option helpers every command shares (the commands themselves are in cli.py and
in the subpackages' own command modules)."""
from __future__ import annotations

from pathlib import Path

import click

from .issues import Issue

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_FILE, EXIT_OUTPUT, EXIT_INTERNAL = 0, 1, 2, 3, 4, 70
FILE = click.Path(dir_okay=False, path_type=Path)


class Failure(click.ClickException):
    """A failure already explained to the user; carries its exit code."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        if self.message:
            click.echo(self.message, err=True)


def limits_options(command):
    """--max-size and --max-rows: the caps that keep hostile files bounded."""
    command = click.option("--max-rows", type=click.IntRange(1), default=100_000, show_default=True,
                           help="Refuse sheets with more rows than this.")(command)
    return click.option("--max-size", type=click.IntRange(1), default=256, show_default=True,
                        help="Refuse workbooks that inflate beyond this many MB.")(command)


def parse_formats(text: str) -> tuple[str, ...]:
    from .formats import parse_formats as parse

    try:
        return parse(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--format") from None


def load_brand_or_fail(name: str | None):
    from .brand.folder import BrandError, brand_folder, brand_note, load_brand

    if note := brand_note(name):
        click.echo(f"note: {note}", err=True)
    try:
        return load_brand(name)
    except BrandError as exc:
        report(brand_folder(name), tuple(exc.issues), "text")
        raise Failure("the brand cannot be used; `reporttool brand check FOLDER` lists what it lacks",
                      EXIT_USAGE) from None


def limits(max_size: int, max_rows: int):
    """The caps --max-size and --max-rows set, as the readers take them."""
    from .workbook.package import Limits

    return Limits(max_inflated_mb=max_size, max_rows=max_rows)


def read_or_fail(path: Path, clients: bool, max_size: int, max_rows: int, fmt: str = "text"):
    """Read a workbook: (model or None, issues); a file that cannot be read ends the command with exit code 3."""
    result = read_result_or_fail(path, clients, max_size, max_rows, fmt)
    return result.value, result.issues


def read_result_or_fail(path: Path, clients: bool, max_size: int, max_rows: int, fmt: str = "text"):
    """What reading a workbook gave (model, issues, and a briefing's cells for messages naming them).
    With fmt "json" a file that cannot be read is still a JSON report on stdout (a script parsing it
    gets the problem, as the web API answers it), besides the message and exit code 3."""
    from .workbook.load import read_briefing, read_clients
    from .workbook.package import FileProblem

    try:
        return (read_clients if clients else read_briefing)(path, limits(max_size, max_rows))
    except FileProblem as problem:
        if fmt == "json":
            report(path, (problem.issue,), fmt)
        raise Failure(str(problem.issue), EXIT_FILE) from None


def report(path: Path, issues: tuple[Issue, ...], fmt: str, quiet_when_clean: bool = False) -> None:
    errors = sum(i.is_error for i in issues)
    warnings = len(issues) - errors
    if fmt == "json":
        import json

        from .issues import report_dict

        click.echo(json.dumps(report_dict(str(path), issues), indent=2, ensure_ascii=False))
        return
    for item in issues:
        click.echo(str(item))
    if issues or not quiet_when_clean:
        verdict = "valid" if errors == 0 else "not valid"
        click.echo(f"{path}: {verdict}: {errors} error(s), {warnings} warning(s)")
