"""Sector and region names compared across the manifest and the briefings given: a name that matches
nothing on the other side is warned about, with "did you mean", before a client silently loses risks."""
from __future__ import annotations

from pathlib import Path

from ..issues import Issue, Location, warning
from ..model import Briefing, Client

KINDS = (("sectors", "sector", "Sectors"), ("regions", "region", "Regions"))


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _names(items) -> dict[str, str]:
    """Folded name -> the name as first typed, "All" left out (it matches everything)."""
    found: dict[str, str] = {}
    for item in items:
        if _fold(item) != "all":
            found.setdefault(_fold(item), item)
    return found


def _hint(name: str, known: dict[str, str], where: str) -> str:
    from difflib import get_close_matches  # only when a name matches nothing

    close = get_close_matches(_fold(name), known, n=1, cutoff=0.75)
    return f"did you mean {known[close[0]]!r}?" if close else _listed(known, where)


def _listed(known: dict[str, str], where: str) -> str:
    return f"{where} use: " + ", ".join(sorted(known.values())[:12]) + (", ..." if len(known) > 12 else "")


def check_client_names(clients: tuple[Client, ...], cells: tuple[dict[str, Location], ...],
                       briefings: dict[str, Briefing]) -> list[Issue]:
    """A client sector or region that no risk of the briefings given uses: the client gets no risk for it."""
    issues = []
    for attr, word, column in KINDS:
        used = _names(item for b in briefings.values() for r in b.risks for item in getattr(r, attr))
        if not used:
            continue  # risks name no sector: every client receives them all, whatever it names
        for client, where in zip(clients, cells):
            for name in getattr(client, attr):
                if _fold(name) not in used and _fold(name) != "all":
                    issues.append(warning("unmatched-name", where.get(attr, Location()),
                                          f"{word} {name!r} matches no risk in the briefings given",
                                          _hint(name, used, "the briefings"), column=column, found=name))
    return issues


def check_risk_names(clients: tuple[Client, ...], briefings: dict[str, Briefing],
                     paths: dict[str, Path]) -> list[Issue]:
    """A risk sector or region that no client names: only clients that name none receive those risks. One
    warning per name and briefing, listing its risks; the hint lists the clients' names (a near miss there is
    the client's typo, already warned at its cell)."""
    issues = []
    for attr, word, _ in KINDS:
        named = _names(item for c in clients for item in getattr(c, attr))
        if not named:
            continue
        for reference, briefing in briefings.items():
            unnamed: dict[str, list[str]] = {}
            for risk in briefing.risks:
                for name in getattr(risk, attr):
                    if _fold(name) not in named and _fold(name) != "all":
                        unnamed.setdefault(name, []).append(risk.id)
            issues += [warning("unmatched-name", Location(file=str(paths.get(reference, reference))),
                               f"the {word} {name!r} of risk(s) {', '.join(ids)} is named by no client; only clients "
                               f"with a blank {word} list receive them", _listed(named, "the clients"), found=name)
                       for name, ids in unnamed.items()]
    return issues
