"""The options of :mod:`quorum.committee` that a command line names before it computes
anything: the apportionment methods and the host country's ex officio seat. Kept apart from
the computation so that declaring ``quorum committee``'s options imports no rule code."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["HOST_COUNTRY", "Method"]

#: WIPO has its headquarters in Geneva: Switzerland holds the ex officio seat.
HOST_COUNTRY = "CH"


class Method(StrEnum):
    """How seats are apportioned among groups."""

    LARGEST_REMAINDER = "largest-remainder"  # Hamilton: quotas, then largest remainders
    DHONDT = "dhondt"  # highest averages, divisors 1, 2, 3, ...
    SAINTE_LAGUE = "sainte-lague"  # highest averages, divisors 1, 3, 5, ...
