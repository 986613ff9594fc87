"""The site speaks Kazakh first (I18N-01); the test settings only change what tests read."""

import pytest

from config.settings import base


@pytest.mark.req("I18N-01")
def test_kazakh_is_the_default_language_and_the_first_offered():
    assert base.LANGUAGE_CODE == "kk"
    assert [code for code, _name in base.LANGUAGES] == ["kk", "ru", "en"]


@pytest.mark.req("I18N-01")
def test_a_visitor_without_a_language_choice_gets_kazakh(client, settings):
    settings.LANGUAGE_CODE = base.LANGUAGE_CODE
    response = client.get("/login/")
    assert response.status_code == 200
    assert '<html lang="kk">' in response.content.decode()
