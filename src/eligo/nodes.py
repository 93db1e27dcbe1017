"""Rule nodes: the compiled form of a criterion.

Stage 3 of the pipeline (``transform`` emits these; ``evaluate``, ``render`` and ``explain``
dispatch on their type).  Nodes are frozen dataclasses.  Each carries the span of the source
text it came from; spans and other provenance fields are excluded from equality, so a rule
compiled from registry text equals the rule compiled from its canonical rendering
(``compile(render(r)) == r``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, TypeVar

Op = Literal["<", "<=", ">", ">=", "=", "!="]
Qualifier = Literal["current", "history"]
_T = TypeVar("_T")

# the ``__init__`` each :func:`fast_init` class had from ``dataclass`` (tests compare them)
DATACLASS_INITS: dict[type, Callable[..., None]] = {}


def fast_init(cls: type[_T]) -> type[_T]:
    """Give a frozen dataclass an ``__init__`` that fills the instance's ``__dict__`` directly.

    A frozen dataclass's own ``__init__`` sets each field through ``object.__setattr__``
    (twice the cost of building the object); this one takes the same parameters, defaults
    and order and leaves the same ``__dict__``; everything else (frozen, eq, hash, repr,
    ``dataclasses.replace``) is the dataclass's.  A class with a ``__post_init__``, default
    factories, keyword-only or init-less fields, or slots keeps the dataclass ``__init__``.
    """
    all_fields = getattr(cls, "__dataclass_fields__", None)
    if all_fields is None:
        raise TypeError(f"{cls.__name__} is not a dataclass")
    fs = dataclasses.fields(cls)  # type: ignore[arg-type]
    if (
        len(fs) != len(all_fields)
        or hasattr(cls, "__post_init__")
        or "__slots__" in cls.__dict__
        or any(
            f.default_factory is not dataclasses.MISSING or not f.init or f.kw_only is True
            for f in fs
        )
    ):
        return cls
    defaults = {f"_d_{f.name}": f.default for f in fs if f.default is not dataclasses.MISSING}
    params = ", ".join(
        f.name if f.default is dataclasses.MISSING else f"{f.name}=_d_{f.name}" for f in fs
    )
    body = "".join(f"    d[{f.name!r}] = {f.name}\n" for f in fs)
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {params}):\n    d = self.__dict__\n{body}", defaults, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    DATACLASS_INITS[cls] = cls.__init__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


@fast_init
@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` in the original criterion text."""

    start: int
    end: int


NO_SPAN = Span(0, 0)


@fast_init
@dataclass(frozen=True)
class Quantity:
    """A number with a UCUM unit ("" for a pure number)."""

    value: float
    unit: str = ""
    # True when the criterion gave a bare number and the unit was inferred from the analyte.
    assumed: bool = field(default=False, compare=False)
    # the unit the criterion wrote when it was read as ``unit`` ("ml/min" after eGFR is per
    # 1.73 m2 body surface), else ""
    written: str = field(default="", compare=False)


@fast_init
@dataclass(frozen=True)
class RefMultiple:
    """A multiple of the lab's reference limit: ``1.5 x ULN`` or ``0.8 x LLN``."""

    value: float
    limit: Literal["ULN", "LLN"] = "ULN"


@fast_init
@dataclass(frozen=True)
class Category:
    """A categorical value such as Child-Pugh class ``B`` or sex ``female``."""

    value: str


Value: TypeAlias = Quantity | RefMultiple | Category


@fast_init
@dataclass(frozen=True)
class Window:
    """A look-back window ending at the screening date: ``within 1 month``."""

    amount: float
    unit: Literal["h", "d", "wk", "mo", "a"]


@fast_init
@dataclass(frozen=True)
class Duration:
    """How long a record item lasted: ``for >= 6 months`` (whole calendar units).

    Compared at the span's end: an item lasted at least ``amount unit`` when its start is on or
    before its end moved back by ``amount unit`` (calendar arithmetic, as windows use).
    """

    op: Literal["<", "<=", ">", ">="]
    amount: float
    unit: Literal["d", "wk", "mo", "a"]


@fast_init
@dataclass(frozen=True)
class Comparison:
    """``concept op value``: a lab, vital, score, fact or drug dose against a threshold."""

    concept: str
    op: Op
    value: Value
    window: Window | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@fast_init
@dataclass(frozen=True)
class Range:
    """``low <= concept <= high`` (bounds inclusive unless stated)."""

    concept: str
    low: Quantity
    high: Quantity
    low_inclusive: bool = True
    high_inclusive: bool = True
    window: Window | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@fast_init
@dataclass(frozen=True)
class Versus:
    """``left op right``: two measures compared with each other ("AST > ALT").

    Each side is its measure's latest value on or before the screening date (within
    ``window`` when given), in the unit both measures share (:func:`eligo.concepts.comparable`);
    unknown when either is missing, not a number, or in no unit it converts from."""

    left: str
    op: Op
    right: str
    window: Window | None = None
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@fast_init
@dataclass(frozen=True)
class Mention:
    """A condition, medication, procedure or boolean fact: present now, ever, or in a window.

    ``lasting`` (``type2_diabetes for >= 6 months``) also asks how long the item lasted.  Which
    items count is decided as without it (current / history / window); each such item's span
    then runs from its start (onset, start date; in a window, no earlier than the window's
    first day) to its end:

    * a condition or medication current on the screening date (active condition; active or
      status-unknown medication) runs to the screening date, whatever end date is planned;
    * an ended condition or medication runs to its abatement / end date (no later than the
      screening date); without one its length is unknown;
    * a procedure record has one date, which says nothing of how long it lasted: unknown
      (dialysis for > 14 days is read from a dialysis-dependence condition's onset).

    A span without a start is unknown, never met or not met.  An item that lasted too short
    decides nothing of another one (open world), like a resolved item for ``current``: the
    mention is then false only when the section is declared complete or the concept is
    recorded absent.  ``<`` and ``<=`` are per item too (some item lasted less; a longer one
    does not rule it out), so registry text is read only into ``>`` and ``>=``.  Facts have
    no dates: a fact with ``lasting`` is unknown.

    ``excluding`` (``history of cancer except (hcc, nonmelanoma_skin_cancer)``, "malignancy
    except hepatoma or non-melanoma skin cancer") names narrower concepts whose items do not
    count: the mention asks for an item of the concept that is no item of any of them (a
    record entry meaning an excluded concept is set aside, whatever else it also means).  An
    item coded only generically (unspecified malignancy) counts: it is not known to be one of
    them.  Everything else is as without it (open world): an excluded item alone decides
    nothing of another item, so with only excluded items on record the mention is unknown,
    false only when the section is declared complete or the concept is recorded absent.
    Each excluded concept is a narrower condition or procedure than the mention's (included
    by it, or coded inside its codes or codes it sets aside: :func:`eligo.concepts.narrower`);
    never a drug, as one medication entry may be several drugs.
    """

    concept: str
    qualifier: Qualifier = "current"
    window: Window | None = None
    lasting: Duration | None = None
    excluding: tuple[str, ...] = ()
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@fast_init
@dataclass(frozen=True)
class Not:
    """Kleene negation."""

    child: Node
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@fast_init
@dataclass(frozen=True)
class AllOf:
    """Kleene conjunction of two or more children."""

    children: tuple[Node, ...]
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@fast_init
@dataclass(frozen=True)
class AnyOf:
    """Kleene disjunction of two or more children."""

    children: tuple[Node, ...]
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


@fast_init
@dataclass(frozen=True)
class Unparsed:
    """Text the grammar could not read; always evaluates to unknown."""

    text: str
    span: Span = field(default=NO_SPAN, compare=False, repr=False)


Node: TypeAlias = Comparison | Range | Versus | Mention | Not | AllOf | AnyOf | Unparsed


def walk(node: Node) -> list[Node]:
    """All nodes of a tree in pre-order (the order node ids are numbered in)."""
    kind = type(node)
    if kind is not AllOf and kind is not AnyOf and kind is not Not:
        if isinstance(node, (AllOf, AnyOf, Not)):  # pragma: no cover - a subclass
            return _walk(node)
        return [node]  # a leaf
    return _walk(node)


def _walk(node: Node) -> list[Node]:
    out: list[Node] = []
    stack: list[Node] = [node]
    pop, push, extend, add = stack.pop, stack.append, stack.extend, out.append
    while stack:
        n = pop()
        add(n)
        if isinstance(n, (AllOf, AnyOf)):
            extend(reversed(n.children))
        elif isinstance(n, Not):
            push(n.child)
    return out


def unparsed_spans(node: Node) -> list[Unparsed]:
    """Every ``Unparsed`` leaf of a tree, in reading order."""
    return [n for n in walk(node) if isinstance(n, Unparsed)]
