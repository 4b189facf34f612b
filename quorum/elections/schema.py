"""The ``elections:`` block of a scenario: validated, counted once, written back exactly.

Each election names its candidates (ids, or a mapping id -> {name, group}), its seats, its
procedure (a preset name or a mapping, see :mod:`quorum.elections.procedure`) and its rounds.
An aggregate scenario gives each round's counts; a roster scenario may instead give each
member's ballot by id (``votes: {MEMBER: CANDIDATE | [CANDIDATES] | blank | invalid}``).
Every record is checked by counting it (:func:`~quorum.elections.engine.run_election`), so
votes for a candidate out of the running, too many ballots or a round after every seat is
filled are reported against their field with a fix, in one line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ScenarioError, too_many
from ..limits import MAX_CANDIDATES, MAX_ELECTION_ROUNDS
from ..numbers import quoted
from ..yamlio import plain
from .engine import Candidate, Election, ElectionError, Round, run_election
from .procedure import get_procedure, procedure_from_mapping, procedure_to_mapping

if TYPE_CHECKING:
    from ..session import Session

__all__ = ["parse_elections", "elections_to_mapping", "election_context", "RESERVED"]

RESERVED = ("blank", "invalid")
_ELECTION_KEYS = ("id", "title", "seats", "candidates", "procedure", "rounds", "model")
_ROUND_KEYS = ("withdrawn", "votes", "blank", "invalid", "lot", "ballots", "reported")


def _text_id(value: Any, source: str, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
        raise ScenarioError(source, where, key="el_value_not_id", params={"value": quoted(value)})
    text = str(value)
    if text.strip() != text:
        raise ScenarioError(source, where, key="el_text_starts_or_ends_with_spaces", params={
                                "text": quoted(text)})
    return text


def _text(value: Any, source: str, where: str) -> str:
    """An optional text (a title, a name): text or nothing, never a list read as text."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ScenarioError(source, where, key="not_text", params={"got": quoted(value)})
    return str(value)


def _count(value: Any, source: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ScenarioError(source, where, key="el_value_not_number_votes", params={
                                "value": quoted(value)})
    return value


def _id_list(value: Any, source: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ScenarioError(source, where, key="el_list_candidate_ids")
    ids = tuple(_text_id(v, source, f"{where}[{k}]") for k, v in enumerate(value))
    if len(set(ids)) != len(ids):
        raise ScenarioError(source, where, key="el_id_appears_twice")
    return ids


def _candidates(value: Any, source: str, where: str) -> tuple[Candidate, ...]:
    out: list[Candidate] = []
    if isinstance(value, list | Mapping) and len(value) > MAX_CANDIDATES:
        raise too_many(source, where, ("candidates of one election",
                                       "candidats d'une élection"), len(value), MAX_CANDIDATES)
    if isinstance(value, list):
        out = [Candidate(_text_id(v, source, f"{where}[{k}]")) for k, v in enumerate(value)]
    elif isinstance(value, Mapping):
        for cid, data in value.items():
            cid = _text_id(cid, source, f"{where}")
            if data is None:
                out.append(Candidate(cid))
            elif isinstance(data, str):
                out.append(Candidate(cid, data))
            elif isinstance(data, Mapping):
                unknown = sorted(set(data) - {"name", "group"})
                if unknown:
                    raise ScenarioError(source, f"{where}.{cid}.{unknown[0]}",
 key="el_unknown_field_unknown_2", params={"unknown_0": quoted(unknown[0])})
                group = data.get("group")
                out.append(Candidate(cid, _text(data.get("name"), source, f"{where}.{cid}.name"),
                                     None if group is None
                                     else _text(group, source, f"{where}.{cid}.group")))
            else:
                raise ScenarioError(source, f"{where}.{cid}", key="el_cannot_read_this_candidate")
    else:
        raise ScenarioError(source, where, key="el_candidates_list_ids_or_mapping_id")
    if not out:
        raise ScenarioError(source, where, key="el_there_no_candidate")
    ids = [c.id for c in out]
    if len(set(ids)) != len(ids):
        raise ScenarioError(source, where, key="el_two_candidates_have_same_id")
    for cid in ids:
        if cid in RESERVED:
            raise ScenarioError(source, where, key="el_cid_cannot_candidate_id", params={
                                    "cid": quoted(cid)})
    return tuple(out)


def _member_ballots(value: Mapping[Any, Any], source: str, where: str,
                    voters: Sequence[str] | None, roster_ids: Sequence[str]
                    ) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], dict[str, int], int,
                               int, int]:
    ballots: list[tuple[str, tuple[str, ...]]] = []
    counts: dict[str, int] = {}
    blank = invalid = valid = 0
    for mid, choice in value.items():
        mid = _text_id(mid, source, where)
        if mid not in roster_ids:
            raise ScenarioError(source, f"{where}.{mid}", key="el_no_member_mid_in_roster", params={
                                    "mid": quoted(mid)})
        if voters is not None and mid not in voters:
            raise ScenarioError(source, f"{where}.{mid}",
                                key="el_mid_not_present_with_vote", params={
                                    "mid": mid})
        picks = _id_list(choice, source, f"{where}.{mid}")
        if not picks:
            raise ScenarioError(source, f"{where}.{mid}", key="el_empty_ballot")
        ballots.append((mid, picks))
        if picks == ("blank",):
            blank += 1
        elif picks == ("invalid",):
            invalid += 1
        else:
            valid += 1
            for cid in picks:
                counts[cid] = counts.get(cid, 0) + 1
    return tuple(ballots), counts, blank, invalid, valid


def _round(data: Any, source: str, where: str, roster_ids: Sequence[str] | None,
           voters: Sequence[str] | None) -> Round:
    if not isinstance(data, Mapping):
        raise ScenarioError(source, where, key="el_round_mapping")
    for key in data:
        if key not in _ROUND_KEYS:
            raise ScenarioError(source, f"{where}.{key}", key="el_unknown_field_p_3", params={
                                    "p1": quoted(key), "join__round_keys": ', '.join(_ROUND_KEYS)})
    withdrawn = _id_list(data.get("withdrawn"), source, f"{where}.withdrawn")
    blank = _count(data.get("blank", 0), source, f"{where}.blank")
    invalid = _count(data.get("invalid", 0), source, f"{where}.invalid")
    raw_lot = data.get("lot")
    lot = None if raw_lot is None else _id_list(raw_lot, source, f"{where}.lot")
    ballots = data.get("ballots")
    if ballots is not None:
        ballots = _count(ballots, source, f"{where}.ballots")
    reported = data.get("reported") or {}
    if not isinstance(reported, Mapping) or set(reported) - {"elected", "eliminated"}:
        raise ScenarioError(source, f"{where}.reported", key="el_cannot_read_reported_outcome")
    rep_el = _id_list(reported.get("elected"), source, f"{where}.reported.elected")
    rep_out = _id_list(reported.get("eliminated"), source, f"{where}.reported.eliminated")
    votes_raw = data.get("votes")
    votes: tuple[tuple[str, int], ...] | None = None
    member_ballots: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if votes_raw is not None:
        if not isinstance(votes_raw, Mapping):
            raise ScenarioError(source, f"{where}.votes", key="el_votes_mapping")
        by_count = all(isinstance(v, int) and not isinstance(v, bool)
                       for v in votes_raw.values())
        if by_count or roster_ids is None:
            votes = tuple((_text_id(k, source, f"{where}.votes"),
                           _count(v, source, f"{where}.votes.{k}"))
                          for k, v in votes_raw.items())
        else:
            if "blank" in data or "invalid" in data or ballots is not None:
                raise ScenarioError(source, where, key="el_member_ballots_already_say_which_are")
            member_ballots, counts, blank, invalid, valid = _member_ballots(
                votes_raw, source, f"{where}.votes", voters, roster_ids)
            votes = tuple(counts.items())
            ballots = valid if any(len(p) > 1 for _, p in member_ballots) else None
        if rep_el or rep_out:
            raise ScenarioError(source, f"{where}.reported",
                                key="el_round_with_votes_needs_no_reported")
    return Round(withdrawn, votes, blank, invalid, lot, ballots, rep_el, rep_out,
                 member_ballots)


def election_context(session: Session, present_known: bool = True
                     ) -> tuple[int, int | None, list[str] | None, list[str] | None]:
    """(members, present with the vote or None, roster ids, voters' ids) of a session."""
    if session.roster is None:
        return session.members, (session.present if present_known else None), None, None
    from ..members import headcount

    hc = headcount(session.rules, session.roster, session.date, session.currency_unit)
    return (len(hc.organ), len(hc.voters), [m.id for m in session.roster],
            [m.id for m in hc.voters])


def parse_elections(value: Any, source: str, session: Session, present_known: bool = True
                    ) -> tuple[Election, ...]:
    """The scenario's ``elections:`` list, each checked by counting its rounds."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ScenarioError(source, "elections", key="el_elections_list")
    members, present, roster_ids, voters = election_context(session, present_known)
    out: list[Election] = []
    seen: set[str] = set()
    for i, data in enumerate(value):
        where = f"elections[{i}]"
        if not isinstance(data, Mapping):
            raise ScenarioError(source, where, key="el_election_mapping")
        for key in data:
            if key not in _ELECTION_KEYS:
                raise ScenarioError(source, f"{where}.{key}", key="el_unknown_field_p_4", params={
                                        "p1": quoted(key),
                                        "join__election_keys": ', '.join(_ELECTION_KEYS)})
        if "id" not in data:
            raise ScenarioError(source, f"{where}.id", key="el_election_has_no_id")
        eid = _text_id(data["id"], source, f"{where}.id")
        if eid in seen:
            raise ScenarioError(source, f"{where}.id", key="el_two_elections_have_id_eid", params={
                                    "eid": quoted(eid)})
        seen.add(eid)
        seats = data.get("seats", 1)
        if isinstance(seats, bool) or not isinstance(seats, int) or seats < 1:
            raise ScenarioError(source, f"{where}.seats", key="el_seats_not_number_seats", params={
                                    "seats": quoted(seats)})
        if "candidates" not in data:
            raise ScenarioError(source, f"{where}.candidates", key="el_election_has_no_candidates")
        candidates = _candidates(data["candidates"], source, f"{where}.candidates")
        default = "wipo-general-rules-single" if seats == 1 else "wipo-general-rules-several"
        procedure = (procedure_from_mapping(data["procedure"], source, f"{where}.procedure")
                     if "procedure" in data else get_procedure(default))
        rounds_raw = data.get("rounds") or []
        if not isinstance(rounds_raw, list):
            raise ScenarioError(source, f"{where}.rounds", key="el_rounds_list")
        if len(rounds_raw) > MAX_ELECTION_ROUNDS:
            raise too_many(source, f"{where}.rounds", ("rounds of an election",
                                                       "tours d'une élection"),
                           len(rounds_raw), MAX_ELECTION_ROUNDS)
        rounds = tuple(_round(r, source, f"{where}.rounds[{k}]", roster_ids, voters)
                       for k, r in enumerate(rounds_raw))
        model = data.get("model")
        if model is not None and not isinstance(model, Mapping):
            raise ScenarioError(source, f"{where}.model", key="el_model_mapping")
        if seats > len(candidates):
            raise ScenarioError(source, f"{where}.seats", key="el_seats_above_candidates",
                                params={"seats": seats, "candidates": len(candidates)})
        election = Election(eid, candidates, procedure, seats, rounds,
                            _text(data.get("title"), source, f"{where}.title"), model)
        try:
            run_election(election, members, present)
        except ElectionError as exc:
            raise ScenarioError(source, f"{where}.{exc.field}", exc.problem, exc.fix,
                                key=exc.key, params=exc.params) from None
        if model is not None:
            from .model import parse_election_model

            parse_election_model(election, source, f"{where}.model", members)
        out.append(election)
    return tuple(out)



def elections_to_mapping(elections: Sequence[Election]) -> list[dict[str, Any]]:
    """What :func:`parse_elections` reads back to the same elections."""
    out = []
    for e in elections:
        d: dict[str, Any] = {"id": e.id}
        if e.title:
            d["title"] = e.title
        if e.seats != 1:
            d["seats"] = e.seats
        if any(c.name or c.group for c in e.candidates):
            cands: dict[str, Any] = {}
            for c in e.candidates:
                entry: dict[str, Any] = {}
                if c.name:
                    entry["name"] = c.name
                if c.group is not None:
                    entry["group"] = c.group
                cands[c.id] = entry or None
            d["candidates"] = cands
        else:
            d["candidates"] = list(e.ids)
        d["procedure"] = procedure_to_mapping(e.procedure)
        rounds = []
        for r in e.rounds:
            rd: dict[str, Any] = {}
            if r.withdrawn:
                rd["withdrawn"] = list(r.withdrawn)
            if r.member_ballots:
                rd["votes"] = {m: (p[0] if len(p) == 1 else list(p)) for m, p in r.member_ballots}
            else:
                if r.votes is not None:
                    rd["votes"] = dict(r.votes)
                if r.blank:
                    rd["blank"] = r.blank
                if r.invalid:
                    rd["invalid"] = r.invalid
                if r.ballots is not None:
                    rd["ballots"] = r.ballots
            if r.lot is not None:
                rd["lot"] = list(r.lot)
            if r.reported_elected or r.reported_eliminated:
                rep: dict[str, Any] = {}
                if r.reported_elected:
                    rep["elected"] = list(r.reported_elected)
                if r.reported_eliminated:
                    rep["eliminated"] = list(r.reported_eliminated)
                rd["reported"] = rep
            rounds.append(rd)
        d["rounds"] = rounds
        if e.model is not None:
            d["model"] = plain(e.model)
        out.append(d)
    return out
