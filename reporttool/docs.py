"""Generate docs/workbook.md (contract, issue codes) and docs/cli.md (commands) so they cannot drift.

`python -m reporttool.docs` writes both; a test fails when either is stale.
"""
from __future__ import annotations

from .workbook.contract import BRIEFING_SHEETS, CLIENT_SHEETS, CONTRACT_VERSION, Sheet
from .formats import FORMATS
from .issues import CATALOGUE


def sheet_markdown(sheet: Sheet) -> list[str]:
    kind = "Field" if sheet.fields else "Column"
    lines = [f"## {sheet.name}", "", sheet.doc + ("" if sheet.required else " (optional sheet)"), "",
             f"| {kind} | required | rule |", "|---|---|---|"]
    lines += [f"| {c.name} | {'yes' if c.required else 'no'} | {c.rule.replace('|', '/')} |" for c in sheet.columns]
    return lines + [""]


def workbook_markdown() -> str:
    lines = [f"# The briefing workbook (contract version {CONTRACT_VERSION})", "",
             "Generated from `reporttool/workbook/contract.py` by `make docs`; do not edit by hand.", "",
             "Sheet, column and field names are matched on their letters and digits, case-insensitively, singular "
             "or plural, ignoring notes in brackets and a scale after the name (`Likelihood (1-5)`, `Impact 1-5`, "
             "`ID #`, `Sector` and `E-mail` all match); a sheet name matches loosely only when one sheet does. "
             "Listed labels are matched case-insensitively, ignoring surrounding spaces. Column order is free; "
             "the header row is the first row (within the first 10) "
             "holding the sheet's required columns. Lists in a cell are separated by `;` or line breaks; lists of "
             "IDs, Formats and names (Sectors, Regions, Countries, Actors, Briefings) by commas too, so "
             "`Energy, Insurance` is two sectors. A name that holds a comma is typed in double quotes: "
             "`\"Korea, Republic of\"; Japan`. Author and Indicators keep commas inside an item. Dates: real Excel dates, ISO text (2025-04-17, 2025/04/17, 2025-04, "
             "2025; a time after the date is ignored) or with a month name (17 April 2025, 4-May-2025, "
             "May 4 2025, Apr 2025); numeric dates with the year last (04/05/2025) are rejected as ambiguous.", ""]
    for sheet in BRIEFING_SHEETS:
        lines += sheet_markdown(sheet)
    lines += ["# The clients manifest", "", "A separate workbook for `reporttool batch`.", ""]
    for sheet in CLIENT_SHEETS:
        lines += sheet_markdown(sheet)
    lines += ["# Output formats", "", "What `--format` and the manifest's Formats column accept (from "
              "`reporttool/formats.py`).", "", "| format | file | what it is | needs LibreOffice |", "|---|---|---|---|"]
    lines += [f"| `{f.name}` | `<Reference>{f.suffix}` | {f.title} | {'yes' if f.needs_libreoffice else 'no'} |"
              for f in FORMATS.values()]
    lines += ["", "# Issue codes", "", "| code | meaning |", "|---|---|"]
    lines += [f"| `{code}` | {meaning} |" for code, meaning in CATALOGUE.items()]
    lines += ["", "Exit codes: 0 valid (warnings allowed), 1 validation errors, 2 wrong usage, "
              "3 a file that cannot be read or is unsafe, 4 an output could not be made (PDF conversion, a folder "
              "that cannot be written), 70 an internal error.", ""]
    return "\n".join(lines)


def cli_markdown() -> str:
    """Every command's --help text, as the user sees it."""
    import click

    from .cli import cli

    lines = ["# Command reference", "", "Generated from the commands' own help by `make docs`.", ""]

    def walk(command: click.Command, path: list[str], parent: click.Context | None = None) -> None:
        # Contexts nest as in a real run, so settings such as -h/--help reach every subcommand.
        with command.make_context(path[-1], [], parent=parent, resilient_parsing=True, terminal_width=80,
                                  max_content_width=80) as ctx:
            lines.extend([f"## {' '.join(path)}", "", "```", command.get_help(ctx), "```", ""])
            for name, sub in sorted(getattr(command, "commands", {}).items()):
                walk(sub, path + [name], ctx)

    walk(cli, ["reporttool"])
    return "\n".join(lines)


def api_markdown() -> str:
    """The web page's routes (reporttool serve)."""
    from .web.apidoc import api_markdown as routes_markdown

    return routes_markdown()


DOCS = {"workbook.md": workbook_markdown, "cli.md": cli_markdown, "api.md": api_markdown}

if __name__ == "__main__":
    from pathlib import Path

    for name, make in DOCS.items():
        (Path("docs") / name).write_text(make())
