"""``Record``: equality and ``repr`` by field, as a dataclass has them, for a plain class.

``@dataclass`` compiles each class's ``__init__``, ``__repr__`` and ``__eq__`` from source
when the class is defined: ~1 ms a class, ~10 ms of every run's start-up for the records
the parse path defines. A record class lists its fields in ``__slots__`` (or ``_fields``, when
it needs a ``__dict__`` for a ``cached_property``) and writes its own ``__init__``; immutable
records are ``NamedTuple`` s instead.

``NamedTuple``: ``typing.NamedTuple``'s class syntax, without checking each field's annotation.
Under ``from __future__ import annotations`` the annotations are strings, and ``typing`` makes
each one a ``ForwardRef``, which compiles it: ~0.1 ms a class, ~2.5 ms of every run's start-up
for the ~20 record classes the parse path defines. The class made is the same
``collections.namedtuple`` (bases, fields, defaults, methods, docstring, module); only its
``__annotations__`` stay the strings written.
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING


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


# What typing.NamedTuple leaves alone or refuses in a class body (typing._special, _prohibited).
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})
_PROHIBITED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace", "_asdict", "_source"}
)


class _TupleMeta(type):
    def __new__(mcls, name: str, bases: tuple, namespace: dict):
        if namespace.get("_base_of_records"):  # NamedTuple itself, below
            return super().__new__(mcls, name, bases, namespace)
        if bases != (_Base,):
            raise TypeError("a NamedTuple record can only inherit from NamedTuple")
        annotations = namespace.get("__annotations__", {})
        defaults = [field for field in annotations if field in namespace]
        if defaults and list(annotations)[-len(defaults) :] != defaults:
            raise TypeError(f"{name}: a field without a default follows one with a default")
        cls = collections.namedtuple(name, list(annotations), defaults=[namespace[f] for f in defaults], module=namespace["__module__"])
        cls.__annotations__ = cls.__new__.__annotations__ = dict(annotations)
        for key, value in namespace.items():
            if key in _PROHIBITED:
                raise AttributeError(f"cannot overwrite NamedTuple attribute {key}")
            if key not in _SPECIAL and key not in annotations:
                setattr(cls, key, value)
        return cls


class _Base(metaclass=_TupleMeta):
    _base_of_records = True


if TYPE_CHECKING:
    from typing import NamedTuple
else:
    NamedTuple = _Base
