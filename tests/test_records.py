"""``records.NamedTuple`` makes the class ``typing.NamedTuple`` makes, annotations left unchecked."""

from __future__ import annotations

import pickle
import typing

import pytest

from extract import records


def _pair(base):
    class Point(base):
        """A point."""

        x: int
        y: float | None = None
        tags: tuple[str, ...] = ()

        def norm(self) -> float:
            return abs(self.x) + abs(self.y or 0)

        @property
        def first(self) -> int:
            return self.x

    return Point


def test_same_class_as_typing() -> None:
    ours, theirs = _pair(records.NamedTuple), _pair(typing.NamedTuple)
    assert ours.__bases__ == theirs.__bases__ == (tuple,)
    for name in ("_fields", "_field_defaults", "__doc__", "__module__", "__qualname__", "__name__", "__slots__"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert list(ours.__annotations__) == list(theirs.__annotations__)
    a, b = ours(1), theirs(1)
    assert a == b == (1, None, ())
    assert repr(a).replace("test_same_class_as_typing.<locals>.", "") == repr(b).replace("test_same_class_as_typing.<locals>.", "")
    assert a.norm() == b.norm() == 1 and a.first == b.first == 1
    assert a._replace(x=2) == (2, None, ()) and a._asdict() == b._asdict()


def test_pickles_by_name() -> None:
    from extract.document import Block, Locator

    block = Block("paragraph", "text", where=Locator(3, page=2))
    assert pickle.loads(pickle.dumps(block)) == block


def test_refuses_what_typing_refuses() -> None:
    with pytest.raises(TypeError):

        class Bad(records.NamedTuple):
            a: int = 0
            b: int

    with pytest.raises(AttributeError):

        class Worse(records.NamedTuple):
            a: int

            def _replace(self):  # noqa: ANN202
                return self
