"""The joint-session fields of the scenario format, validated with errors that name the
file, the field and the fix.

``joint:`` lists the bodies sitting together (preset names or body mappings); each decision
names the bodies that take it (``decided_by:``) and may ask for the special count
(``special_count: true``); each member names its bodies (``bodies:``), which the bundled
``wipo-members`` roster fills in. :mod:`quorum.scenario` calls :func:`build_joint` when a
file has ``joint:`` and :func:`joint_to_mapping` to write it back.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from ..bodies import body_to_mapping, get_body, preset_names, rule_set_from_mapping
from ..errors import ScenarioError, too_many
from ..limits import MAX_JOINT_BODIES
from ..members import Member
from ..numbers import quoted
from ..rules import RuleSet
from ..session import Decision, Session
from .session import JointDecision, JointSession, sub_session

__all__ = ["build_joint", "first_body", "joint_bodies", "joint_to_mapping", "first_body_session",
           "refuse_joint_fields", "members_of"]


def joint_bodies(value: Any, source: str, interpretation: Mapping[str, bool]
                  ) -> tuple[RuleSet, ...]:
    if not isinstance(value, list) or not value:
        raise ScenarioError(source, "joint", key="jo_joint_list_bodies_sitting_together")
    if len(value) > MAX_JOINT_BODIES:
        raise too_many(source, "joint", ("bodies of a joint session",
                                         "organes d'une session commune"),
                       len(value), MAX_JOINT_BODIES)
    bodies: list[RuleSet] = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            if item not in preset_names():
                raise ScenarioError(source, f"joint[{i}]", key="jo_unknown_body_item", params={
                                        "item": quoted(item),
                                        "join_preset_names": ', '.join(preset_names())})
            rules = get_body(item)
        elif isinstance(item, Mapping):
            rules = rule_set_from_mapping(item, source, ("joint", i))
        else:
            raise ScenarioError(source, f"joint[{i}]", key="jo_body_name_or_mapping")
        if interpretation:
            rules = rules.with_interpretation(**interpretation)
        if any(b.id == rules.id for b in bodies):
            raise ScenarioError(source, f"joint[{i}]", key="jo_rules_id_listed_twice", params={
                                    "rules_id": quoted(rules.id)})
        bodies.append(rules)
    return tuple(bodies)


def _check_members(roster: Sequence[Member], bodies: Sequence[RuleSet], source: str) -> None:
    known = {b.id for b in bodies} | set(preset_names())
    for m in roster:
        if len(set(m.bodies)) != len(m.bodies):
            twice = next(b for b in m.bodies if m.bodies.count(b) > 1)
            raise ScenarioError(source, f"members.{m.id}.bodies", key="jo_member_body_twice",
                                params={"b": quoted(twice)})
        for b in m.bodies:
            if b not in known:
                raise ScenarioError(source, f"members.{m.id}.bodies",
                                    key="jo_unknown_body_b", params={
                                        "b": quoted(b),
                    "join_x_id_for_x_in_bodies": ', '.join(x.id for x in bodies)})
    for rules in bodies:
        if not any(rules.id in m.bodies and not m.observer for m in roster):
            raise ScenarioError(source, "members", key="jo_no_member_belongs_rules_id", params={
                                    "rules_id": rules.id})


def first_body(joint: Any, has_body: bool, source: str,
               interpretation: Mapping[str, bool]) -> RuleSet:
    """The first body of ``joint:`` (its bodies are checked before the roster is read)."""
    if has_body:
        raise ScenarioError(source, "body", key="jo_scenario_has_either_body_or_joint")
    return joint_bodies(joint, source, interpretation)[0]


def refuse_joint_fields(decisions: Sequence[Any], source: str) -> None:
    """``decided_by`` and ``special_count`` without ``joint:`` are errors."""
    for i, d in enumerate(decisions):
        for name in ("decided_by", "special_count"):
            if name in d.model_fields_set:
                raise ScenarioError(source, f"decisions[{i}].{name}",
                                    key="jo_name_belongs_joint_sessions", params={"name": name})


def build_joint(spec: Any, roster: tuple[Member, ...] | None, decisions: Sequence[Decision],
                currency_unit: Fraction, source: str) -> JointSession:
    """The :class:`JointSession` of a validated scenario with ``joint:`` (``spec`` is the
    scenario's schema model; ``decisions`` its decisions as read)."""
    return _build(spec.joint, [d.decided_by for d in spec.decisions],
                  [d.special_count for d in spec.decisions], roster, decisions, spec.date,
                  currency_unit, spec.interpretation, source)


def _build(
    joint: Any,
    decided_by: Sequence[Any],
    special_counts: Sequence[bool],
    roster: tuple[Member, ...] | None,
    decisions: Sequence[Decision],
    on: _dt.date | None,
    currency_unit: Fraction,
    interpretation: Mapping[str, bool],
    source: str,
) -> JointSession:
    if roster is None:
        raise ScenarioError(source, "members", key="jo_joint_session_needs_roster")
    bodies = joint_bodies(joint, source, interpretation)
    _check_members(roster, bodies, source)
    ids = [b.id for b in bodies]
    out: list[JointDecision] = []
    for i, (decision, by, special) in enumerate(zip(decisions, decided_by, special_counts,
                                                    strict=True)):
        chosen: tuple[str, ...]
        if by is None:
            if len(ids) == 1:
                chosen = (ids[0],)
            else:
                raise ScenarioError(source, f"decisions[{i}].decided_by",
 key="jo_decision_does_not_say_which_bodies", params={"join_ids": ', '.join(ids)})
        else:
            chosen = tuple(str(x) for x in by)
        for body_id in chosen:
            if body_id not in ids:
                raise ScenarioError(source, f"decisions[{i}].decided_by",
 key="jo_body_id_not_in_joint", params={"body_id": quoted(body_id), "join_ids": ', '.join(ids)})
        if len(set(chosen)) != len(chosen):
            raise ScenarioError(source, f"decisions[{i}].decided_by", key="jo_body_named_twice")
        out.append(JointDecision(decision, chosen, special))
    return JointSession(bodies, roster, tuple(out), on, currency_unit, source)


def members_of(roster: tuple[Member, ...], body_id: str) -> tuple[Member, ...]:
    """For a body sitting alone: the members of a roster whose members name their bodies
    (e.g. ``roster: wipo-members``) that belong to it; members naming no body are kept. A
    roster in which no member names ``body_id`` is returned as it is."""
    if not any(body_id in m.bodies for m in roster):
        return roster
    return tuple(m for m in roster if not m.bodies or body_id in m.bodies)


def first_body_session(joint: JointSession) -> Session:
    """The session of the first body in ``joint`` alone (what single-body views show)."""
    first = joint.bodies[0]
    roster = tuple(m for m in joint.roster if first.id in m.bodies)
    decisions = tuple(sub_session(joint, first.id, d.decision)[1] for d in joint.decisions
                      if first.id in d.decided_by
                      and (d.decision.kind is None or d.decision.kind in first.kinds))
    return Session.from_roster(first, roster, decisions, joint.date, joint.currency_unit,
                               joint.source)


def joint_to_mapping(joint: JointSession) -> tuple[list[Any], dict[str, bool]]:
    """The ``joint:`` list and the common ``interpretation`` that rebuild the bodies."""
    first = joint.bodies[0]
    common = first.interpretation.as_dict()
    names: list[Any] = []
    for rules in joint.bodies:
        if rules.id in preset_names():
            preset = get_body(rules.id)
            if preset.with_interpretation(**common) == rules:
                names.append(rules.id)
                continue
        names.append(body_to_mapping(rules))
    preset_first = get_body(first.id).interpretation.as_dict() if first.id in preset_names() \
        else common
    diff = {k: v for k, v in common.items() if preset_first.get(k) != v}
    return names, diff
