"""Syntax tree produced by the parser: what the file says, before any type is resolved."""
from dataclasses import dataclass, field
from typing import List, Optional, Union


# Expressions (size_is, length_is, switch_is, range, case arguments)
@dataclass
class Num:
    value: int


@dataclass
class Ident:
    name: str


@dataclass
class Unary:
    op: str          # '*', '-', '~', '!'
    operand: 'Expr'


@dataclass
class Binary:
    op: str
    left: 'Expr'
    right: 'Expr'


@dataclass
class Cast:
    type_words: List[str]
    operand: 'Expr'


Expr = Union[Num, Ident, Unary, Binary, Cast]


@dataclass
class Attr:
    name: str
    args: List[Expr]
    raw: str         # the text between the parentheses, for uuid(), version(), helpstring()
    line: int


@dataclass
class BaseSpec:
    words: List[str]     # e.g. ['unsigned', 'long'], ['DWORD'], ['FlatUID_r'] (a name to resolve)
    line: int


@dataclass
class Decl:
    """A field, parameter, union arm or typedef declarator: attrs type *...* name[dims]."""
    attrs: List[Attr]
    spec: 'TypeSpec'
    ptrs: int
    name: str
    dims: List[Optional[Expr]]   # None for '[]'
    line: int


@dataclass
class StructSpec:
    fields: List[Decl]
    line: int


@dataclass
class Arm:
    attrs: List[Attr]             # case(...) or default
    decl: Optional[Decl]          # None for an empty arm
    line: int


@dataclass
class UnionSpec:
    arms: List[Arm]
    line: int


@dataclass
class EnumSpec:
    kind: str                     # 'enum' or 'bitmap'
    values: List[tuple]           # (name, Expr or None, line)
    line: int


TypeSpec = Union[BaseSpec, StructSpec, UnionSpec, EnumSpec]


@dataclass
class Typedef:
    attrs: List[Attr]
    decl: Decl                    # decl.name is the new type's name
    line: int


@dataclass
class Function:
    attrs: List[Attr]
    ret: BaseSpec
    name: str
    params: List[Decl]
    line: int


@dataclass
class Interface:
    name: str
    attrs: List[Attr]
    typedefs: List[Typedef] = field(default_factory=list)
    functions: List[Function] = field(default_factory=list)
    line: int = 0


@dataclass
class File:
    filename: str
    interfaces: List[Interface]
