"""A readable table of an election's rounds (the shell's and the notebooks' view)."""

from __future__ import annotations

from ..explain import message
from .engine import Election, ElectionResult

__all__ = ["election_table"]


def election_table(election: Election, result: ElectionResult, lang: str = "en") -> list[str]:
    """Lines of text: a header, then one row per candidate and one column per round."""
    status = message(f"elections.cli.status_{result.status}", lang)
    lines = [message("elections.cli.election", lang, id=result.id, status=status)]
    names = {c.id: c.name or c.id for c in election.candidates}
    width = max([len(message("elections.cli.candidate", lang)),
                 *(len(n) for n in names.values())])
    head = f"{message('elections.cli.candidate', lang):<{width}}"
    for r in result.rounds:
        head += f" | {message('elections.cli.round', lang)} {r.round:<3}"
    lines.append(head)
    lines.append("-" * len(head))
    col = len(message("elections.cli.round", lang)) + 4
    for cid in election.ids:
        row = f"{names[cid]:<{width}}"
        for r in result.rounds:
            if cid in r.withdrawn:
                cell = message("elections.cli.withdrew", lang)
            elif cid not in r.candidates:
                cell = ""
            elif r.votes is None:
                cell = "?"
            else:
                cell = str(r.votes_of(cid))
            if cid in r.elected:
                cell += " *"
            elif cid in r.eliminated:
                cell += " x"
            row += f" | {cell:<{col}}"
        lines.append(row.rstrip())
    for r in result.rounds:
        if r.cast is None:
            detail = message("elections.cli.unpublished", lang)
        else:
            detail = message("elections.cli.cast", lang, cast=r.cast, blank=r.blank,
                             invalid=r.invalid, required=r.majority_required)
        lines.append(f"{message('elections.cli.round', lang)} {r.round}: {detail}")
    if result.elected:
        lines.append(message("elections.cli.elected", lang, ids=", ".join(
            names[c] for c in result.elected)))
    if result.next_round is not None:
        lines.append(message("elections.cli.next", lang, ids=", ".join(
            names[c] for c in result.next_round)))
    return lines
