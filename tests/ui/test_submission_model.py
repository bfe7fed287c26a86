"""The chair's submission list: its sort keys and search text are computed once per content
(docs/benchmarks.md, "The chair's window at 100k rows"); the rows it shows are the ones the
plain definition gives: the search's matches, sorted by the column, stably."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from panel_app.ui.models import PREPARE_FROM, SubmissionTableModel
from panel_app.workflow.overview import SubmissionListItem

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _item(sid: str, title: str, organisation: str, country: str, status: str) -> Any:
    return SubmissionListItem(sid, title, organisation, country, "C1", status)


def _key(column: str, item: SubmissionListItem) -> Any:
    """The keys as the list has always sorted by: IDs as numbers, then other IDs."""
    if column == "submission_id":
        sid = item.submission_id
        return (0, int(sid), "") if sid.isdigit() else (1, 0, sid)
    return str(getattr(item, column)).casefold()


def _matches(needle: str, item: SubmissionListItem) -> bool:
    return (
        needle in item.title.casefold()
        or needle in item.organisation.casefold()
        or needle in item.submission_id
        or needle in item.country.casefold()
    )


class Plain:
    """The list by its definition, without any precomputed key."""

    def __init__(self, items: list[SubmissionListItem]) -> None:
        self.items, self.needle, self.column, self.order = items, "", 0, ASC
        self.visible = self._compute()

    def _sorted(self, rows: list[int]) -> list[int]:
        name = SubmissionTableModel.COLUMNS[self.column]
        return sorted(rows, key=lambda i: _key(name, self.items[i]), reverse=self.order == DESC)

    def _compute(self) -> list[int]:
        rows = [i for i, item in enumerate(self.items) if _matches(self.needle, item)]
        return self._sorted(rows)

    def search(self, text: str) -> None:
        self.needle = text.strip().casefold()
        self.visible = self._compute()

    def sort(self, column: int, order: Qt.SortOrder) -> None:
        self.column, self.order = column, order
        self.visible = self._sorted(self.visible)


def _shown(model: SubmissionTableModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


ids = st.one_of(st.integers(0, 60).map(str), st.sampled_from(["A7", "b2", "007", "x", "B2"]))
texts = st.sampled_from(["Clinic", "clinic", "Écoles", "ÉCOLES", "Straße", "strasse", "", "z"])
items = st.builds(
    _item, ids, texts, texts, st.sampled_from(["Kenya", "kenya", "Chile"]),
    st.sampled_from(["eligible", "flagged", "ineligible"]),
)  # fmt: skip
steps = st.lists(
    st.one_of(
        st.tuples(st.just("sort"), st.integers(0, 4), st.sampled_from([ASC, DESC])),
        st.tuples(st.just("search"), st.sampled_from(["", "c", "cli", "7", "ss", "é", " B"])),
        st.tuples(st.just("prepare")),
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(items, max_size=30), steps)
def test_the_list_shows_what_the_plain_definition_shows(
    qapp: object, listed: list[SubmissionListItem], actions: list[tuple[Any, ...]]
) -> None:
    model = SubmissionTableModel()
    plain = Plain(listed)
    model.set_items(listed)
    assert _shown(model) == [listed[i].submission_id for i in plain.visible]
    for action in actions:
        if action[0] == "sort":
            model.sort(action[1], action[2])
            plain.sort(action[1], action[2])
        elif action[0] == "search":
            model.set_filter_text(action[1])
            plain.search(action[1])
        else:
            for _ in range(8):  # what the idle turns compute, all of it, now
                model._prepare_next()
        assert _shown(model) == [listed[i].submission_id for i in plain.visible], action


def test_a_long_list_gets_its_keys_ready_while_it_is_looked_at(qtbot: QtBot) -> None:
    model = SubmissionTableModel()
    listed = [_item(str(n), f"t{n % 97}", f"o{n % 13}", "Chile", "ok") for n in range(5000)]
    assert len(listed) >= PREPARE_FROM
    model.set_items(listed)
    qtbot.waitUntil(lambda: len(model._ranks) == len(model.COLUMNS) and bool(model._orders))
    assert model._haystacks is not None  # and the search text, for the first keystroke


def test_sorting_keeps_the_selected_project_selected(qtbot: QtBot, qapp: object) -> None:
    from PySide6.QtWidgets import QTableView

    model = SubmissionTableModel()
    model.set_items(
        [_item(str(n), title, "Org", "Chile", "eligible") for n, title in enumerate("dbeca")]
    )
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.selectRow(1)  # ID 1, title "b"
    view.sortByColumn(1, ASC)
    assert _shown(model) == ["4", "1", "3", "0", "2"]  # a b c d e
    current = view.currentIndex()
    assert model.item(current.row()).submission_id == "1"
    assert [i.row() for i in view.selectionModel().selectedRows()] == [current.row()]
    view.sortByColumn(1, DESC)
    assert model.item(view.currentIndex().row()).submission_id == "1"
    assert model.item(view.selectionModel().selectedRows()[0].row()).submission_id == "1"
