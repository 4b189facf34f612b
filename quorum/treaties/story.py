"""A walkthrough of the Beijing Treaty, from the 2000 conference to entry into force (2020).

Steps are data (article, key, figures) rendered from ``quorum/locales/treaties.*.toml``;
the dates after 2012 come from the bundled list of instruments and the engine, so the story
and the computation cannot disagree. Sources: ``docs/treaties.md``.
"""

from __future__ import annotations

from datetime import date

from ..explain import Step, bilingual, step
from ..periods import add_months
from .data import PUBLISHED_ENTRY, bundled_instruments, party_names
from .engine import TreatyCase, evaluate_treaty
from .rules import get_treaty, needed_instruments

__all__ = ["beijing_walkthrough"]

def beijing_walkthrough() -> tuple[Step, ...]:
    """The Beijing Treaty's life in numbers, step by step."""
    rule = get_treaty("beijing-treaty")
    instruments = bundled_instruments("beijing-treaty")
    # No published date is given: entry into force is computed from the instruments.
    outcome = evaluate_treaty(TreatyCase(rule, instruments, date(2012, 6, 24)))
    needed = needed_instruments(rule, None)
    if outcome.triggered_by is not None:
        last = next(i for i in instruments if i.party == outcome.triggered_by)
        thirtieth = (last.party, last.deposited)
        entry = add_months(last.deposited, rule.delay_months)
    else:   # an incomplete list: the published date stands in for the computation
        thirtieth = ("ID", add_months(PUBLISHED_ENTRY["beijing-treaty"], -rule.delay_months))
        entry = PUBLISHED_ENTRY["beijing-treaty"]
    before = [i for i in instruments if i.deposited <= thirtieth[1]]
    later = [p for p in outcome.parties if p.effective is not None and p.effective > entry]
    first = min(instruments, key=lambda i: i.deposited)
    china = next(i for i in instruments if i.party == "CN")
    names = party_names("beijing-treaty")

    def who(code: str) -> tuple[str, str, str]:
        en, fr = names.get(code, (code, code))
        return bilingual(en, fr)

    steps = [
        step("IAVP/DC/2, Rule 1", "treaties.walk.conference_2000", articles=19),
        step("Rules of Procedure, Rule 34", "treaties.walk.adoption_rule"),
        step("Beijing Art. 26", "treaties.walk.conference_2012", start=date(2012, 6, 20),
             end=date(2012, 6, 26), adopted=date(2012, 6, 24)),
        step(rule.entry_article, "treaties.walk.rule", needed=rule.needed,
             delay=rule.delay_months),
        step(rule.entry_article, "treaties.walk.first", party=who(first.party),
             date=first.deposited),
        step(rule.entry_article, "treaties.walk.china", date=china.deposited),
        step(rule.entry_article, "treaties.walk.listed" if len(before) >= needed
             else "treaties.walk.listed_partial", count=len(before), needed=needed,
             missing=max(0, needed - len(before))),
        step(rule.entry_article, "treaties.walk.thirtieth", party=who(thirtieth[0]),
             date=thirtieth[1], needed=rule.needed),
        step(rule.entry_article, "treaties.walk.entry" if entry == PUBLISHED_ENTRY[
            "beijing-treaty"] else "treaties.walk.entry_differs", date=thirtieth[1],
             entry=entry, delay=rule.delay_months),
    ]
    for p in later[:3]:
        steps.append(step(rule.later_article, "treaties.walk.later", party=who(p.party),
                          deposited=p.deposited, effective=p.effective,
                          delay=rule.later_delay_months))
    steps.append(step(rule.later_article, "treaties.walk.summary", later=len(later),
                      last=max(i.deposited for i in instruments)))
    return tuple(steps)
