"""Hypothesis strategies for elections: records built ballot by ballot, always consistent."""

from __future__ import annotations

from hypothesis import strategies as st

from quorum.elections import Candidate, Election, Round, get_procedure, run_election

SINGLE = ("wipo-general-rules-single", "un-ga-single", "wipo-dg-2008", "wipo-dg-2019")
SEVERAL = ("wipo-general-rules-several", "un-ga-several")


@st.composite
def recorded_elections(draw: st.DrawFn) -> tuple[Election, int]:
    """An election of 1-3 seats and 1-12 candidates with up to 8 counted rounds, each drawn
    for the candidates the procedure leaves in the running; and the members present."""
    seats = draw(st.integers(1, 3))
    name = draw(st.sampled_from(SINGLE if seats == 1 else SEVERAL))
    proc = get_procedure(name)
    for switch in ("elect_before_final_two", "elimination_stops_at_floor",
                   "unopposed_elected"):
        if draw(st.booleans()):
            proc = proc.with_switches(**{switch: not proc.switch(switch)})
    ids = tuple(f"C{k}" for k in range(draw(st.integers(1, 12))))
    present = draw(st.integers(1, 120))
    election = Election("e", tuple(Candidate(c) for c in ids), proc, seats, ())
    for _ in range(draw(st.integers(0, 8))):
        result = run_election(election, present, present)
        if result.status != "open" or not result.next_round:
            break
        running = list(result.next_round)
        withdrawn: list[str] = []
        if len(running) > 1 and draw(st.booleans()):
            withdrawn = [draw(st.sampled_from(running))]
            running = [c for c in running if c not in withdrawn]
        blank = draw(st.integers(0, max(0, present // 10)))
        budget = present - blank
        picks = draw(st.lists(st.sampled_from(running), max_size=budget)) if running else []
        votes = {c: picks.count(c) for c in running}
        ballot = Round(tuple(withdrawn), tuple(votes.items()), blank, 0)
        candidate = Election("e", election.candidates, proc, seats, (*election.rounds, ballot))
        election = candidate
    return election, present
