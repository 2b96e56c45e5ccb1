"""Model types: base types, named types, wire shapes, functions and interfaces.

Plain data (dataclasses); model.py builds them from the syntax tree and queries.py answers
questions about them.
"""
from dataclasses import dataclass, field
from typing import List, Optional

from . import ast

POINTER_SIZE = 4          # NDR32 referent id
CONTEXT_HANDLE_SIZE = 20  # policy_handle: uint32 + GUID


@dataclass
class Base:
    """A base type: NDR primitive name, C type, wire size."""
    name: str
    prim: str
    ctype: str
    size: int
    signed: bool


BASES = {
    'uint8': Base('uint8', 'uint8', 'uint8_t', 1, False),
    'int8': Base('int8', 'int8', 'int8_t', 1, True),
    'uint16': Base('uint16', 'uint16', 'uint16_t', 2, False),
    'int16': Base('int16', 'int16', 'int16_t', 2, True),
    'uint32': Base('uint32', 'uint32', 'uint32_t', 4, False),
    'int32': Base('int32', 'int32', 'int32_t', 4, True),
    'hyper': Base('hyper', 'hyper', 'uint64_t', 8, False),
}
# Spellings accepted for base types (MS-IDL and MS-DTYP names).
BASE_SPELLINGS = {
    ('uint8',): 'uint8', ('BYTE',): 'uint8', ('unsigned', 'char'): 'uint8', ('UCHAR',): 'uint8',
    ('char',): 'int8', ('small',): 'int8', ('int8',): 'int8', ('CHAR',): 'int8',
    ('uint16',): 'uint16', ('WORD',): 'uint16', ('USHORT',): 'uint16', ('wchar_t',): 'uint16',
    ('unsigned', 'short'): 'uint16', ('unsigned', 'short', 'int'): 'uint16', ('WCHAR',): 'uint16',
    ('int16',): 'int16', ('short',): 'int16', ('short', 'int'): 'int16', ('SHORT',): 'int16',
    ('uint32',): 'uint32', ('DWORD',): 'uint32', ('ULONG',): 'uint32', ('UINT',): 'uint32',
    ('unsigned', 'long'): 'uint32', ('unsigned', 'int'): 'uint32', ('unsigned', 'long', 'int'): 'uint32',
    ('int32',): 'int32', ('long',): 'int32', ('int',): 'int32', ('LONG',): 'int32',
    ('long', 'int'): 'int32', ('NTSTATUS',): 'int32', ('HRESULT',): 'int32',
    ('hyper',): 'hyper', ('uint64',): 'hyper', ('unsigned', 'hyper'): 'hyper', ('ULONGLONG',): 'hyper',
}
CHAR_SPELLINGS = {('char',): 1, ('unsigned', 'char'): 1, ('uint8',): 1, ('CHAR',): 1, ('UCHAR',): 1,
                  ('wchar_t',): 2, ('WCHAR',): 2, ('uint16',): 2}


# ---- named types
@dataclass
class Field:
    name: str
    shape: object
    line: int


@dataclass
class Struct:
    name: str
    cname: str
    fields: List[Field]
    line: int
    recursion_point: bool = False   # pulled with the depth cap (reached through itself)


@dataclass
class Arm:
    values: Optional[List[int]]      # None for [default]
    field: Optional[Field]           # None for an empty arm


@dataclass
class Union:
    name: str
    cname: str
    switch: Base
    arms: List[Arm]
    line: int
    recursion_point: bool = False


@dataclass
class Enum:
    name: str
    cname: str
    kind: str                       # 'enum' or 'bitmap'
    base: Base
    values: List[tuple]             # (name, int)
    line: int


@dataclass
class ContextHandle:
    name: str


@dataclass
class Alias:
    """typedef of a base type, possibly with a [range]."""
    name: str
    cname: str
    base: Base
    range: Optional[tuple]
    line: int


# ---- shapes
@dataclass
class Scalar:
    base: Base
    range: Optional[tuple] = None
    enum: Optional[Enum] = None
    alias: Optional[Alias] = None


@dataclass
class Named:
    type: object                    # Struct, Union or ContextHandle
    switch_is: Optional[ast.Expr] = None


@dataclass
class Ptr:
    kind: str                       # 'ref', 'unique', 'ptr'
    target: object


@dataclass
class Array:
    fixed: Optional[int]            # element count of a fixed array, else None
    size_is: Optional[ast.Expr]
    length_is: Optional[ast.Expr]
    elem: object
    range: Optional[tuple] = None   # bounds on the conformance (max count)

    @property
    def varying(self):
        return self.length_is is not None


@dataclass
class String:
    charsize: int                   # 1: 8-bit, 2: UTF-16
    size_is: Optional[ast.Expr] = None


@dataclass
class Handle:
    """handle_t: an explicit binding handle, nothing on the wire."""


@dataclass
class Param:
    name: str
    shape: object
    dir_in: bool
    dir_out: bool
    line: int


@dataclass
class Function:
    name: str
    opnum: int
    result: Optional[Base]
    params: List[Param]
    reserved: bool
    line: int


@dataclass
class Interface:
    name: str
    uuid: str
    version: tuple
    helpstring: str
    pointer_default: str
    endpoints: List[str]
    authservices: List[str]
    types: List[object] = field(default_factory=list)      # in definition order
    functions: List[Function] = field(default_factory=list)
    filename: str = ''
