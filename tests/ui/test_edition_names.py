"""A category's name in the window's language: the edition file's Chinese, else the
catalogue's translation of its English (context Edition), in the chair's list, the desk's
list and the project pane alike."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from panel_app.edition.model import LocalizedText
from panel_app.ui.desk.models import DeskCategoryModel
from panel_app.ui.language import install_language
from panel_app.ui.models import CategoryListModel
from panel_app.workflow.overview import CategoryCount
from panel_app.workflow.review.desk import CategoryProgress

ENGLISH = "Access to information and knowledge"
CHINESE = "获取信息和知识"
RUSSIAN = "Доступ к информации и знаниям"


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[str]:
    assert install_language("ru")
    yield "ru"
    install_language("en")


def test_a_category_name_follows_the_language() -> None:
    name = LocalizedText(ENGLISH, CHINESE)
    assert name.get("zh_CN") == CHINESE
    assert name.get("ru") == RUSSIAN
    assert name.get("en") == ENGLISH
    assert LocalizedText("Not an edition name", CHINESE).get("ru") == "Not an edition name"


def test_the_category_lists_show_the_russian_names(russian: str) -> None:
    chair = CategoryListModel()
    chair.set_categories(
        [CategoryCount("C3-access", "C3", 3, ENGLISH, CHINESE, 5, {}, 0, 0)], russian
    )
    desk = DeskCategoryModel()
    desk.set_categories([CategoryProgress("C3-access", "C3", ENGLISH, CHINESE, 4, 1)], russian)
    for model in (chair, desk):
        text = model.data(model.index(1, 0), Qt.ItemDataRole.DisplayRole)
        assert RUSSIAN in text and ENGLISH not in text
