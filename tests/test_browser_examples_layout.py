"""The pages opened on their own bundled examples fit 1280 x 800 and speak one language:
an election with many candidates, a joint session, each bundled treaty."""

from __future__ import annotations

import pytest

from dashboard import treaty as tr
from dashboard import urlstate

from .test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    OVERFLOW,
    VIEWPORT,
    browser,
    server,
    settle,
)

pytestmark = pytest.mark.browser

OPENED = [  # (page path, query) of a page on one of its bundled examples
    ("elections", f"s={urlstate.EXAMPLE_VERSION}election-dg-2008~"),
    ("elections", f"s={urlstate.EXAMPLE_VERSION}election-dg-2020~"),
    *(("treaty", f"tr={tr.encode(tr.example_text(name))}") for name in tr.EXAMPLES),
]
JOINT = [("", f"s={urlstate.EXAMPLE_VERSION}joint-assemblies~")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pages_on_their_examples_fit_and_speak_one_language(server, browser, lang):  # noqa: F811
    check(server, browser, lang, OPENED)


def test_the_joint_view_fits_1280_by_800(server, browser):  # noqa: F811
    check(server, browser, "en", JOINT)


def check(server: str, browser: object, lang: str,  # noqa: F811
          opened: list[tuple[str, str]]) -> None:
    from .test_french import _citations, foreign

    page = browser.new_page(viewport=VIEWPORT)  # type: ignore[attr-defined]
    problems: dict[str, object] = {}
    try:
        for path, query in opened:
            page.goto(f"{server}/{path}?{query}&lang={lang}")
            settle(page)
            for expander in page.locator("[data-testid='stExpander'] summary").all():
                expander.click()
            if page.locator("[data-testid='stExpander']").count():
                settle(page)
            bad = page.evaluate(OVERFLOW)
            text = page.locator("body").inner_text()
            for source in _citations():  # quoted as published
                text = text.replace(source, "")
            words = foreign(text, lang)
            if bad or words:
                where = f"{path or 'session'}-{query[:24]}"
                problems[where] = (bad, words[:5])
                page.screenshot(path=str(ARTIFACTS / f"examples-{path or 'session'}-{lang}.png"),
                                full_page=True)
    finally:
        page.close()
    assert not problems, problems
