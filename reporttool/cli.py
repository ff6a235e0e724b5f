"""The command line: thin click commands that call the library, print issues, pick the exit code.

Exit codes: 0 valid (warnings allowed), 1 validation errors, 2 wrong usage,
3 a file that cannot be read or is unsafe, 4 an output could not be made (PDF conversion, a folder
that cannot be written), 70 an internal error.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import click

from .console import (EXIT_FILE, EXIT_INTERNAL, EXIT_INVALID, EXIT_OUTPUT, EXIT_USAGE, FILE, Failure,
                      limits, limits_options, load_brand_or_fail, parse_formats, read_or_fail, read_result_or_fail,
                      report)
from .formats import NAMES as FORMAT_NAMES
from .issues import Issue, Severity

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reporttool")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Validate briefing workbooks and build branded briefings, risk matrices and client packs."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("path", type=FILE)
@click.option("--example", is_flag=True, help="Write the filled example instead of a blank workbook.")
@click.option("--clients", is_flag=True, help="Write a clients manifest instead of a briefing workbook.")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def init(path: Path, example: bool, clients: bool, force: bool) -> None:
    """Write a blank briefing workbook (or clients manifest) to fill in Excel."""
    from .workbook.template import write_template

    _xlsx_name(path, "PATH")
    if path.exists() and not force:
        raise Failure(f"error: {path} exists; pass --force to overwrite it", EXIT_USAGE)
    write_template(path, clients=clients, example=example)
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("path", type=FILE)
@click.option("--clients", is_flag=True, help="PATH is a clients manifest, not a briefing workbook.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--annotate", type=FILE, help="Write a copy of the workbook with problem cells marked.")
@limits_options
def validate(path: Path, clients: bool, strict: bool, fmt: str, annotate: Path | None,
             max_size: int, max_rows: int) -> None:
    """Check a workbook and report every problem, cell by cell, in one pass."""
    if annotate:
        _xlsx_name(annotate, "--annotate")
    if annotate and annotate.resolve() == path.resolve():
        raise Failure("error: --annotate writes a marked copy; name a new file, not the workbook itself", EXIT_USAGE)
    issues = read_or_fail(path, clients, max_size, max_rows, fmt)[1]
    if strict:
        issues = tuple(_as_error(i) for i in issues)
    if annotate:
        from .workbook.annotate import annotate_workbook
        from .workbook.package import FileProblem

        try:
            annotate_workbook(path, annotate, issues)
        except FileProblem as problem:
            raise Failure(str(problem.issue), EXIT_FILE) from None
    report(path, issues, fmt)
    if any(i.is_error for i in issues):
        raise Failure("", EXIT_INVALID)


@cli.command()
@click.argument("path", type=FILE)
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write into.")
@click.option("--brand", help="A brand name from templates/ or a brand folder.")
@click.option("--format", "formats", default="docx,xlsx", show_default=True,
              help=f"Comma-separated formats: {', '.join(FORMAT_NAMES)}.")
@click.option("--previous", type=FILE, help="The previous edition's workbook: the outputs say what changed since.")
@limits_options
def build(path: Path, outdir: Path, brand: str | None, formats: str, previous: Path | None, max_size: int,
          max_rows: int) -> None:
    """Validate a briefing workbook, then write its Word briefing and risk matrix."""
    from .building import PdfFailed, build_outputs
    from .formats import output_name

    wanted = parse_formats(formats)
    loaded = load_brand_or_fail(brand)
    result = read_result_or_fail(path, False, max_size, max_rows)
    briefing = result.value
    report(path, result.issues, "text", quiet_when_clean=True)
    if briefing is None:
        raise Failure("nothing was written: fix the errors above first", EXIT_INVALID)
    changes = None
    if previous is not None:
        from .editions.changes import compare

        changes = compare(read_previous_or_fail(result, path, previous, max_size, max_rows), briefing, loaded.bands)
    for fmt in wanted:
        target = outdir / output_name(briefing.reference, fmt)
        if target.exists() and target.samefile(path):
            raise click.UsageError(f"{target} would overwrite the input workbook; choose another -o folder")
    try:
        for written in build_outputs(briefing, loaded, outdir, wanted, changes=changes):
            click.echo(f"wrote {written}")
    except PdfFailed as exc:
        raise Failure(f"error: the PDF could not be made: {exc}", EXIT_OUTPUT) from None


@cli.command()
@click.argument("previous", type=FILE)
@click.argument("current", type=FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json is described in docs/diff.md.")
@click.option("--brand", help="The brand whose rating bands name the ratings (default: the default brand).")
@limits_options
def diff(previous: Path, current: Path, fmt: str, brand: str | None, max_size: int, max_rows: int) -> None:
    """Print what changed from the PREVIOUS edition of a briefing to the CURRENT one."""
    from .editions.changes import compare
    from .editions.report import as_json, as_text

    loaded = load_brand_or_fail(brand)
    result = read_result_or_fail(current, False, max_size, max_rows)
    if result.value is None:
        report(current, result.issues, "text")
        raise Failure("nothing to compare: fix the errors above first", EXIT_INVALID)
    changes = compare(read_previous_or_fail(result, current, previous, max_size, max_rows), result.value,
                      loaded.bands)
    click.echo((as_json(changes, result.value) + "\n") if fmt == "json" else as_text(changes, result.value), nl=False)


@cli.command()
@click.argument("manifest", type=FILE)
@click.argument("briefings", type=FILE, nargs=-1, required=True)
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write the packs into.")
@click.option("--brand", help="The run's brand, for clients whose Brand is blank.")
@click.option("--jobs", type=click.IntRange(1), help="Packs built in parallel (default: the number of CPUs).")
@click.option("--scheduler", envvar="REPORTTOOL_SCHEDULER", metavar="ADDRESS",
              help="Build the packs on the Dask cluster at tcp://HOST:8786 (or set REPORTTOOL_SCHEDULER); "
                   "--jobs is then unused.")
@click.option("--force", is_flag=True, help="Rebuild packs whose inputs have not changed.")
@click.option("--dry-run", is_flag=True,
              help="Write nothing; list each client's risks per briefing and why each other risk is left out.")
@click.option("--previous", type=FILE, multiple=True,
              help="A previous edition's workbook (repeatable): each briefing is paired with the one whose "
                   "Reference its Previous field names, and its packs say what changed for that client.")
@click.option("--allow-drafts", is_flag=True, help="Build packs of Draft briefings too (marked DRAFT).")
@limits_options
def batch(manifest: Path, briefings: tuple[Path, ...], outdir: Path, brand: str | None, jobs: int | None,
          scheduler: str | None, force: bool, dry_run: bool, previous: tuple[Path, ...], allow_drafts: bool,
          max_size: int, max_rows: int) -> None:
    """Build every client's pack: its briefings, its risks, its formats, a zip and a summary."""
    from .cluster.executor import ClusterProblem
    from .packs.folders import OutputBusy
    from .packs.run import BatchRefused, run_batch
    from .workbook.package import FileProblem

    try:
        with BatchProgress() as progress:
            done = run_batch(manifest, list(briefings), outdir, brand, limits(max_size, max_rows), jobs, force,
                             progress, dry_run, list(previous), allow_drafts, scheduler)
    except ClusterProblem as problem:
        raise Failure(f"error: {problem}", EXIT_OUTPUT if problem.started else EXIT_USAGE) from None
    except FileProblem as problem:
        raise Failure(str(problem.issue), EXIT_FILE) from None
    except BatchRefused as refused:
        for path, issues in refused.issues.items():
            report(path, issues, "text")
        raise Failure("nothing was written: fix the problems above first (the run starts only when its manifest, "
                      "its brands, the set of briefings given and their previous editions are sound, and no briefing "
                      "is a Draft unless --allow-drafts)", EXIT_INVALID) from None
    except OutputBusy as busy:
        raise Failure(f"error: {busy}", EXIT_OUTPUT) from None
    for path, issues in done.issues.items():
        report(path, issues, "text")
    _batch_outcome(done, outdir, dry_run)


def _batch_outcome(done, outdir: Path, dry_run: bool) -> None:
    """What a batch did (or, in a dry run, would do), and its exit code: 1 when any pack failed."""
    from .packs.plan import NOT_IN_RUN

    for note in done.notes:
        click.echo(f"note: {note}", err=True)
    if dry_run:
        for row in sorted(done.results, key=lambda r: (r.slug, r.briefing)):
            click.echo(f"{row.client} / {row.briefing}: {row.status}" + (f": {row.error}" if row.error else ""))
            if row.status == "would build":
                click.echo(f"    included ({len(row.risks)}): {', '.join(row.risks) or 'none'}")
                click.echo("".join(f"    left out {why}\n" for why in row.excluded), nl=False)
        click.echo("dry run: nothing was written")
        return
    if done.removed:
        click.echo("removed what the summary no longer lists: " + ", ".join(done.removed))
    click.echo(f"{done.count('built')} built, {done.count('skipped')} unchanged (skipped), {done.count('failed')} "
               f"failed, {done.count(NOT_IN_RUN)} not in this run; summary in {outdir / 'summary.csv'}")
    if done.count("failed"):
        raise Failure(f"{done.count('failed')} pack(s) failed; see {outdir / 'summary.csv'}", EXIT_INVALID)


class BatchProgress:
    """A progress bar with an ETA in a terminal; plain log lines otherwise (CI, cron, pipes)."""

    def __enter__(self) -> "BatchProgress":
        self.start, self.bar = time.monotonic(), None
        return self

    def __call__(self, result, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            detail = f": {result.error}" if result.error else ""
            click.echo(f"[{done}/{total} {time.monotonic() - self.start:.1f}s] {result.status} "
                       f"{result.slug}/{result.briefing}{detail}", err=True)
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="packs", show_eta=True, show_pos=True, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@cli.command()
@click.argument("manifest", type=FILE)
@click.argument("packs_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--smtp", metavar="HOST:PORT", help="Send through this server (else: drafts in PACKS_DIR/outbox).")
@click.option("--from", "sender", metavar="ADDRESS", help="The sender's address (needed with --smtp).")
@click.option("--starttls", is_flag=True, help="Upgrade the connection with STARTTLS (port 587).")
@click.option("--ssl", "use_ssl", is_flag=True, help="Connect over TLS from the start (port 465).")
@click.option("--user", help="Log in as USER; the password comes from REPORTTOOL_SMTP_PASSWORD or a prompt.")
@click.option("--dry-run", is_flag=True, help="Print who would get what; send and write nothing.")
@click.option("--allow-red", is_flag=True, help="Also email TLP:RED packs (only to the client's own address).")
@click.option("--rate", type=click.FloatRange(0, min_open=True), help="Send at most N messages a minute.")
@click.option("--max-message-mb", type=click.IntRange(1), default=20, show_default=True,
              help="Refuse (per client) a message larger than this, rather than have it bounce.")
@click.option("--brand", help="The brand of clients whose Brand is blank (as given to batch).")
@click.option("--resend-unconfirmed", is_flag=True,
              help="Send again messages a stopped run left in doubt (check the mailbox first).")
@limits_options
def send(manifest: Path, packs_dir: Path, smtp: str | None, sender: str | None, starttls: bool, use_ssl: bool,
         user: str | None, dry_run: bool, allow_red: bool, rate: float | None, max_message_mb: int,
         brand: str | None, resend_unconfirmed: bool, max_size: int, max_rows: int) -> None:
    """Email each client its pack: drafts to review (.eml in PACKS_DIR/outbox), or sent with --smtp."""
    from .brand.folder import BrandError
    from .delivery import command as delivery
    from .delivery.outgoing import PacksRefused

    try:
        if starttls and use_ssl:
            raise ValueError("--starttls and --ssl exclude each other: STARTTLS on 587, TLS from the start on 465")
        server = delivery.server_for(smtp, "ssl" if use_ssl else "starttls" if starttls else "plain", user, rate,
                                     resend_unconfirmed)
        origin = delivery.sender_for(sender, required=server is not None)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    clients, issues = read_or_fail(manifest, True, max_size, max_rows)
    report(manifest, issues, "text", quiet_when_clean=True)
    if clients is None:
        raise Failure("nothing was sent: fix the manifest first", EXIT_INVALID)
    if server and user and not dry_run:
        server.password = os.environ.get("REPORTTOOL_SMTP_PASSWORD") or click.prompt(
            f"SMTP password for {user}", hide_input=True, err=True)

    def show(item) -> None:
        lines, to_stderr = delivery.describe(item)
        click.echo("\n".join(lines), err=to_stderr)

    try:
        items = delivery.deliver(clients, packs_dir, server, origin, brand, dry_run=dry_run, allow_red=allow_red,
                                 max_message_mb=max_message_mb, rate=rate, resend_unconfirmed=resend_unconfirmed,
                                 progress=show)
    except PacksRefused as exc:
        raise Failure(str(exc), EXIT_FILE if exc.unreadable else EXIT_USAGE) from None
    except BrandError as exc:
        raise Failure("error: a brand cannot be used: " + "; ".join(i.message for i in exc.issues), EXIT_USAGE) from None
    click.echo(delivery.totals(items, packs_dir, server is None, dry_run))
    if any(item.failed for item in items):
        raise Failure("", EXIT_INVALID)


@cli.group()
def brand() -> None:
    """Work with brand folders (Word template, brand.toml, logo)."""


@brand.command("check")
@click.argument("folder", type=click.Path(path_type=Path))
def brand_check(folder: Path) -> None:
    """Report what a brand folder lacks, and its page as Word shows it."""
    from .brand.folder import brand_folder, check_brand, load_brand
    from .docx.designer import designer_view

    issues = tuple(check_brand(brand_folder(folder)))
    report(folder, issues, "text")
    if any(i.is_error for i in issues):
        raise Failure("", EXIT_INVALID)
    click.echo(f"template: {designer_view(load_brand(folder).template).summary()}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1 lets other machines reach the page.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path), default=Path("reporttool-data"),
              show_default=True, help="Folder for uploads, outputs and the database of past runs.")
@click.option("--token", callback=lambda ctx, param, value: check_token(value),
              help="The access token: letters, digits, - _ . ~ (default: a new random one each start).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--jobs", type=click.IntRange(1), help="Packs a batch run builds in parallel (default: the CPUs).")
@limits_options
def serve(host: str, port: int, data: Path, token: str | None, open_browser: bool, jobs: int | None,
          max_size: int, max_rows: int) -> None:
    """Start the web page: check workbooks, preview and build briefings, run client packs."""
    from .web.serve import CannotServe, serve_forever

    try:
        serve_forever(host, port, data, token, open_browser, jobs, max_size, max_rows)
    except CannotServe as exc:
        raise Failure(f"error: {exc}", EXIT_USAGE) from None
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM, after the server has shut down and cancelled its runs
        click.echo("reporttool serve stopped", err=True)


def _xlsx_name(path: Path, param: str) -> None:
    """A workbook we write is named .xlsx: Excel and the file manager open a file by its extension, and
    notes.txt holding a workbook opens as garbage."""
    if path.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{path.name!r}: name the workbook .xlsx (e.g. {path.stem or 'briefing'}.xlsx), "
                                 "as Excel opens it by its extension", param_hint=param)


def check_token(value: str | None) -> str | None:
    """A token goes into the printed link and a cookie as it is: a space, '&' or '#' would break both, and an
    empty one would silently become a random token the script passing it does not know."""
    import re

    if value is not None and not re.fullmatch(r"[A-Za-z0-9._~-]+", value):
        raise click.BadParameter("use letters, digits and - _ . ~ only (it goes into the page's link as it is)",
                                 param_hint="--token")
    return value


def read_previous_or_fail(current, current_path: Path, path: Path, max_size: int, max_rows: int):
    """The previous edition's model, once it is valid and pairs with the current one (else exit code 1)."""
    from .editions.pairing import check_pair

    result = read_result_or_fail(path, False, max_size, max_rows)
    if result.value is None:
        report(path, result.issues, "text")
        raise Failure(f"the previous edition {path} is not valid: fix the errors above first", EXIT_INVALID)
    problems = tuple(check_pair(current, current_path, result, path))
    if problems:
        report(current_path, problems, "text")
        raise Failure(f"{path} cannot be compared with {current_path} as its previous edition", EXIT_INVALID)
    return result.value


def _as_error(item: Issue) -> Issue:
    from dataclasses import replace

    return replace(item, severity=Severity.ERROR)


def run() -> int:
    """Run the command line and return its exit code; no traceback unless --debug asks for it."""
    try:
        code = cli.main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        click.echo("interrupted: files are written whole or not at all; rerun to finish", err=True)
        code = 130
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except OSError as exc:  # the file system said no: a full disk, a read-only or missing folder
        if "--debug" in sys.argv:
            raise
        where = f" {exc.filename}" if exc.filename else ""
        click.echo(f"error: cannot write or read{where}: {exc.strerror or exc}", err=True)
        code = EXIT_OUTPUT
    except Exception:
        if "--debug" in sys.argv:
            raise
        click.echo("reporttool hit an internal error (a bug, not your file). Sorry. Please rerun with --debug and "
                   "report the output at https://github.com/reporttool/reporttool/issues", err=True)
        code = EXIT_INTERNAL
    return code or 0


def main() -> None:
    """The console script. Once a command is done, every file is renamed into place and all output is
    flushed; tearing the interpreter down would then only free memory (~40 ms of openpyxl's objects and
    modules on every run), so the process ends at once. With --debug it exits the ordinary way."""
    signal.signal(signal.SIGTERM, _terminated)
    code = run()
    if "--debug" in sys.argv:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a job scheduler stopping the run) cleans up as Ctrl-C does: temporary files and LibreOffice."""
    raise KeyboardInterrupt
