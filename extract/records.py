"""``Record``: equality and ``repr`` by field, as a dataclass has them, for a plain class.

``@dataclass`` compiles each class's ``__init__``, ``__repr__`` and ``__eq__`` from source
when the class is defined: ~1 ms a class, ~10 ms of every run's start-up for the records
the parse path defines. A record class lists its fields in ``__slots__`` (or ``_fields``, when
it needs a ``__dict__`` for a ``cached_property``) and writes its own ``__init__``; immutable
records are ``NamedTuple`` s instead.
"""

from __future__ import annotations


class Record:
    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq and not frozen
    _hidden: tuple[str, ...] = ()  # fields left out of repr

    @classmethod
    def _field_names(cls) -> tuple[str, ...]:
        return cls.__dict__.get("_fields") or cls.__slots__

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._field_names())

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._field_names() if name not in self._hidden)
        return f"{type(self).__name__}({shown})"
