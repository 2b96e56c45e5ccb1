"""Syntax tree of a .rop file: what the parser builds and the model checks."""
from dataclasses import dataclass, field as dfield
from typing import List, Optional


@dataclass
class Field:
    """TYPE NAME [ '[' size ']' ] [ '(' param ')' ] [ 'optional' ] ';'"""
    line: int
    type: str
    name: str
    size: Optional[object] = None	# int (fixed array) or str (count field name)
    param: Optional[str] = None	# column-set parameter of proprow / rowset, string's flag
    columns: Optional[List[int]] = None	# fixed column tags of proprow
    optional: bool = False
    context: bool = False		# 'context TYPE NAME;': session state, not on the wire


@dataclass
class If:
    """if FIELD [ '&' N | '==' N | '!=' N ] { fields } [ else { fields } ]"""
    line: int
    name: str
    op: Optional[str]
    value: int
    body: List[object] = dfield(default_factory=list)
    orelse: List[object] = dfield(default_factory=list)


@dataclass
class Sized:
    """sized u16|u32 NAME { fields }: NAME is the byte length of the fields inside."""
    line: int
    type: str
    name: str
    body: List[object] = dfield(default_factory=list)


@dataclass
class Struct:
    line: int
    name: str
    body: List[object]


@dataclass
class ErrorShape:
    """error 0xVALUE { fields }: the response fields that follow that ReturnValue."""
    line: int
    value: int
    body: List[object]


@dataclass
class Rop:
    line: int
    name: str
    id: int
    section: str
    request: List[object]
    handle: Optional[str]		# response's handle index field; None: no response
    response: List[object] = dfield(default_factory=list)
    errors: List[ErrorShape] = dfield(default_factory=list)
    always: bool = False		# response fields follow whatever the ReturnValue
    has_request: bool = True	# False: 'request none' (server-sent ROPs)
    bare: bool = False		# 'response bare': RopId then the fields, no head
    response_id: Optional[int] = None	# 'response H id N': the response's RopId if not id

    @property
    def has_response(self):
        return self.handle is not None or self.bare


@dataclass
class File:
    filename: str
    structs: List[Struct]
    rops: List[Rop]
