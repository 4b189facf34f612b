"""The ``model:`` block: forms, completion of shares, and errors that name file, field, fix."""

from __future__ import annotations

from typing import Any

import pytest

from quorum import ScenarioError
from quorum.probability import compile_model
from quorum.scenario import scenario_from_mapping

BASE: dict[str, Any] = {"present": 0.5, "vote": {"yes": 0.6, "no": 0.3, "abstain": 0.1}}


def compiled(model: Any, **extra: Any) -> Any:
    data = {"body": "berne-assembly", "members": extra.pop("members", 10), "model": model,
            "decisions": [{"id": "d"}], **extra}
    return compile_model(scenario_from_mapping(data, "model.yaml"))


def error(model: Any, **extra: Any) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        compiled(model, **extra)
    return info.value


def test_everyone_alike_loads_without_present_count() -> None:
    cm = compiled(BASE, members=181)
    assert cm.members == 181 and cm.aggregate
    assert cm.present.tolist() == [0.5] * 181
    assert cm.reply.tolist() == [0.0] * 181  # no 'written': nobody replies


def test_an_omitted_share_takes_the_remainder_and_fractions_are_exact() -> None:
    cm = compiled({"present": "1/3", "vote": {"yes": 0.7, "no": 0.2},
                   "written": {"reply": 0.5, "yes": 1}})
    assert cm.vote[0].tolist() == pytest.approx([0.7, 0.2, 0.1], abs=1e-15)
    assert cm.written[0].tolist() == [1.0, 0.0, 0.0]
    assert cm.present[0] == 1 / 3


def test_groups_with_sizes_and_members_with_a_roster() -> None:
    cm = compiled({**BASE, "groups": {"a": {"size": 4, "present": 0.9}}})
    assert cm.present.tolist() == [0.9] * 4 + [0.5] * 6
    assert cm.groups[:4] == ("a",) * 4
    data = {"body": "berne-assembly", "roster": "berne-union",
            "model": {**BASE, "groups": {"african": {"present": 0.2}},
                      "members": {"FR": {"present": 1}}},
            "decisions": [{"id": "d"}]}
    cm = compile_model(scenario_from_mapping(data, "roster.yaml"))
    fr = cm.ids.index("FR")
    assert cm.present[fr] == 1.0 and cm.members == 179  # observers left out
    assert {cm.present[i] for i, g in enumerate(cm.groups) if g == "african"} == {0.2}


@pytest.mark.parametrize("model, field, words", [
    ({"present": 0.5}, "model.vote", "add 'vote"),
    ({"vote": {"yes": 1}}, "model.present", "add 'present"),
    ({**BASE, "present": 1.5}, "model.present", "between 0 and 1"),
    ({**BASE, "present": "half"}, "model.present", "not a probability"),
    ({**BASE, "vote": {"yes": 0.6, "no": 0.6}}, "model.vote", "more than 1"),
    ({**BASE, "vote": {"yes": 0.5}}, "model.vote", "add up to 0.5"),
    ({**BASE, "written": {"yes": 0.5, "no": 0.5}}, "model.written.reply", "add this field"),
    ({**BASE, "colour": "red"}, "model.colour", "spelling"),
    ({**BASE, "groups": {"a": {"present": 0.5}}}, "model.groups.a.size", "size"),
    ({**BASE, "groups": {"a": {"size": 20}}}, "model.groups", "lower the sizes"),
    ({**BASE, "members": {"FR": {"present": 1}}}, "model.members.FR", "roster"),
    ({**BASE, "blocs": {"x": {"cohesion": 0.5, "line": {"yes": 1}}}}, "model.blocs.x",
     "group"),
    ({**BASE, "blocs": {"x": {"cohesion": 0.5}}}, "model.blocs.x.line", "add this field"),
    ("high", "model", "mapping"),
])
def test_errors_name_the_field_and_the_fix(model: Any, field: str, words: str) -> None:
    err = error(model)
    assert err.source == "model.yaml" and err.field == field, err.message
    assert words in err.message and err.fix, err.message


def test_roster_errors() -> None:
    def roster_error(model: Any) -> ScenarioError:
        with pytest.raises(ScenarioError) as info:
            compile_model(scenario_from_mapping(
                {"body": "berne-assembly", "roster": "berne-union", "model": model,
                 "decisions": [{"id": "d"}]}, "r.yaml"))
        return info.value

    assert roster_error({**BASE, "members": {"ZZ": {}}}).field == "model.members.ZZ"
    assert "observer" in roster_error({**BASE, "members": {"LB": {}}}).problem
    assert "african" in roster_error({**BASE, "groups": {"nowhere": {}}}).fix
    assert roster_error({**BASE, "groups": {"african": {"size": 3}}}).field == (
        "model.groups.african.size")
    both = {"a": {"members": ["FR"], "cohesion": 1, "line": {"yes": 1}},
            "b": {"members": ["FR"], "cohesion": 1, "line": {"yes": 1}}}
    assert "one bloc" in roster_error({**BASE, "blocs": both}).fix


def test_a_scenario_without_a_model_says_how_to_add_one() -> None:
    scenario = scenario_from_mapping({"body": "berne-assembly", "members": 9, "present": 5,
                                      "decisions": [{"id": "d"}]}, "plain.yaml")
    with pytest.raises(ScenarioError) as info:
        compile_model(scenario)
    assert info.value.field == "model" and "docs/whatif.md" in info.value.fix
