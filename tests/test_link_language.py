"""A link that cannot be read says why in the page's language."""

from __future__ import annotations

import pytest

from dashboard import i18n, urlstate
from dashboard.state import default_scenario


@pytest.mark.parametrize("token,english,french", [
    ("x" * (urlstate.MAX_TOKEN_CHARS + 1), "the link is too long", "le lien est trop long"),
    ("Zabc", "unknown link format", "format de lien inconnu"),
])
def test_link_errors_are_keyed_and_told_in_both_languages(token, english, french):
    with pytest.raises(urlstate.LinkError) as info:
        urlstate.decode(token, default_scenario())
    assert str(info.value) == english
    assert info.value.render("en") == english
    assert info.value.render("fr") == french


def test_a_damaged_link_names_the_damage_in_french():
    with pytest.raises(urlstate.LinkError) as info:
        urlstate.decode(urlstate.VERSION + "!!!!", default_scenario())
    assert info.value.render("fr").startswith("le lien est endommagé")


def test_every_link_error_key_has_both_texts():
    en = {k for k in i18n.catalogue("en") if k.startswith("link_error.")}
    fr = {k for k in i18n.catalogue("fr") if k.startswith("link_error.")}
    assert en == fr and len(en) == 8
