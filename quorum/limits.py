"""Every size limit of quorum, in one place (listed in ``docs/robustness.md``).

A limit bounds the work (time and memory) that one input can cause, so that a file under
the upload limit can neither hang a command nor the dashboard's server. Each is one line:
its number and what it bounds. Exceeding one is a one-line error naming the fix.
"""

from __future__ import annotations

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "MAX_NUMBER_DIGITS",
    "MAX_EXPONENT",
    "MAX_CSV_FIELD_CHARS",
    "MAX_MEMBERS",
    "MAX_MODEL_MEMBERS",
    "MAX_SAMPLES",
    "MAX_SWEEP_POINTS",
    "MAX_GAME_PLAYERS",
    "MAX_GAME_WEIGHT_TOTAL",
    "MAX_GAME_WORK",
    "MAX_EX_OFFICIO",
    "MAX_QUOTED_CHARS",
    "MAX_CANDIDATES",
    "MAX_ELECTION_ROUNDS",
    "MAX_ELECTION_VOTERS",
    "MAX_ELECTION_WORK",
    "MAX_TREATY_INSTRUMENTS",
    "MAX_TREATY_SIGNATORIES",
    "MAX_TREATY_SAMPLES",
    "MAX_TREATY_WORK",
    "MAX_JOINT_BODIES",
    "LIMITS",
]

#: Bytes of one input file (scenario, body, roster CSV, model, game, proposal, upload).
MAX_INPUT_BYTES = 1_000_000
#: Nesting depth of YAML collections (mappings and lists inside each other).
MAX_YAML_DEPTH = 64
#: YAML nodes once aliases are expanded (each ``*alias`` counts its whole anchored tree).
MAX_YAML_NODES = 50_000
#: Digits of one number written as text (numerator, denominator or decimal).
MAX_NUMBER_DIGITS = 60
#: Absolute value of a decimal exponent (``1e-6``); larger exponents are refused.
MAX_EXPONENT = 30
#: Characters of one CSV cell.
MAX_CSV_FIELD_CHARS = 10_000
#: Members of an organ (a roster or a count of members).
MAX_MEMBERS = 100_000
#: Members in a what-if model (the exact engine's work grows about as their square:
#: 400 members take 1.2 s on one core; 1,000 take 14 s).
MAX_MODEL_MEMBERS = 400
#: Monte Carlo draws of one estimate (``--samples``).
MAX_SAMPLES = 10_000_000
#: Points of one sweep grid.
MAX_SWEEP_POINTS = 10_000
#: Players of a weighted voting game.
MAX_GAME_PLAYERS = 200
#: Sum of the weights of a weighted voting game (the exact counts use arrays this long).
MAX_GAME_WEIGHT_TOTAL = 1_000_000
#: Players squared times the total weight: the work of the exact power indices
#: (200 players of total weight 5,000, at the limit, take 0.8 s).
MAX_GAME_WORK = 200_000_000
#: Ex officio seats of an executive committee.
MAX_EX_OFFICIO = 1_000
#: Characters of a user's value quoted back in an error message.
MAX_QUOTED_CHARS = 60
#: Candidates of one election.
MAX_CANDIDATES = 50
#: Rounds of one election: the ballots recorded, and an election model's ``max_rounds``.
MAX_ELECTION_ROUNDS = 100
#: Voters of an election model (its groups' sizes added up, or ``voters:``).
MAX_ELECTION_VOTERS = 2_000
#: Samples times voters times candidates of one election what-if (``quorum simulate``):
#: 200,000 samples of 83 voters and 6 candidates (10^8, the default) take 2.5 s; 2x10^8
#: (2,000 voters, 20,000 samples) take 6 s and 250 MB.
MAX_ELECTION_WORK = 200_000_000
#: Instruments (ratifications, accessions...) of one treaty file.
MAX_TREATY_INSTRUMENTS = 1_000
#: Signatories of a treaty what-if model.
MAX_TREATY_SIGNATORIES = 1_000
#: Runs of one treaty what-if (``model.samples``, ``quorum treaty --simulate --samples``).
MAX_TREATY_SAMPLES = 200_000
#: Runs times (instruments + signatories) of one treaty what-if: the day arrays it sorts.
MAX_TREATY_WORK = 10_000_000
#: Bodies sitting together in one joint session.
MAX_JOINT_BODIES = 30

#: (name, value, what it bounds), for the documentation and ``--json`` consumers.
LIMITS: tuple[tuple[str, int, str], ...] = (
    ("MAX_INPUT_BYTES", MAX_INPUT_BYTES, "bytes of one input file or upload"),
    ("MAX_YAML_DEPTH", MAX_YAML_DEPTH, "nesting depth of YAML mappings and lists"),
    ("MAX_YAML_NODES", MAX_YAML_NODES, "YAML nodes once aliases are expanded"),
    ("MAX_NUMBER_DIGITS", MAX_NUMBER_DIGITS, "digits of one number written as text"),
    ("MAX_EXPONENT", MAX_EXPONENT, "absolute decimal exponent of a number (1e-6)"),
    ("MAX_CSV_FIELD_CHARS", MAX_CSV_FIELD_CHARS, "characters of one CSV cell"),
    ("MAX_MEMBERS", MAX_MEMBERS, "members of an organ (roster rows or a count)"),
    ("MAX_MODEL_MEMBERS", MAX_MODEL_MEMBERS, "members in a what-if model"),
    ("MAX_SAMPLES", MAX_SAMPLES, "Monte Carlo draws of one estimate (--samples)"),
    ("MAX_SWEEP_POINTS", MAX_SWEEP_POINTS, "points of one sweep grid"),
    ("MAX_GAME_PLAYERS", MAX_GAME_PLAYERS, "players of a weighted voting game"),
    ("MAX_GAME_WEIGHT_TOTAL", MAX_GAME_WEIGHT_TOTAL, "sum of the weights of a voting game"),
    ("MAX_GAME_WORK", MAX_GAME_WORK, "players squared times the total weight of a game"),
    ("MAX_EX_OFFICIO", MAX_EX_OFFICIO, "ex officio seats of an executive committee"),
    ("MAX_QUOTED_CHARS", MAX_QUOTED_CHARS, "characters of a value quoted in an error"),
    ("MAX_CANDIDATES", MAX_CANDIDATES, "candidates of one election"),
    ("MAX_ELECTION_ROUNDS", MAX_ELECTION_ROUNDS, "rounds of one election (recorded or modelled)"),
    ("MAX_ELECTION_VOTERS", MAX_ELECTION_VOTERS, "voters of an election model"),
    ("MAX_ELECTION_WORK", MAX_ELECTION_WORK,
     "samples x voters x candidates of one election what-if"),
    ("MAX_TREATY_INSTRUMENTS", MAX_TREATY_INSTRUMENTS, "instruments of one treaty file"),
    ("MAX_TREATY_SIGNATORIES", MAX_TREATY_SIGNATORIES, "signatories of a treaty what-if model"),
    ("MAX_TREATY_SAMPLES", MAX_TREATY_SAMPLES, "runs of one treaty what-if"),
    ("MAX_TREATY_WORK", MAX_TREATY_WORK, "runs x (instruments + signatories) of a treaty what-if"),
    ("MAX_JOINT_BODIES", MAX_JOINT_BODIES, "bodies sitting together in one joint session"),
)
