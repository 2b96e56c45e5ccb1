"""Model: checks parsed .rop files against each other and against rops.tsv.

Everything the emitter relies on is checked here, with 'file:line: message' errors: known types,
names unique per ROP half, counts and conditions naming earlier integer fields, column-set
parameters only where rows are, ROP ids and names as rops.tsv gives them (and not obsolete).
"""
import csv
import re
from dataclasses import dataclass

from . import RopError
from .ast import Field, If, Sized
from .parser import parse

# name: (wire bytes, C type)
SCALARS = {'u8': (1, 'uint8_t'), 'u16': (2, 'uint16_t'), 'u32': (4, 'uint32_t'),
           'u64': (8, 'uint64_t'), 'bool': (1, 'bool')}
COUNT_TYPES = ('u8', 'u16', 'u32')
# name: (least wire bytes, C type) for the MS-OXCDATA structures of libmapi/wire
COMPOUNDS = {
    'asciiz': (1, 'char *'),
    'string': (1, 'char *'),	# asciiz or utf16z as the field named in () says
    'utf16z': (2, 'char *'),
    'proptags': (2, 'struct mapi_proptag_array'),
    'tagged': (4, 'struct mapi_propval'),
    'proprow': (1, 'struct mapi_proprow'),
    'rowset': (2, 'struct mapi_proprow_set'),
    'problems': (2, 'struct mapi_property_problem_array'),
    'restriction': (1, 'struct mapi_restriction *'),
    'sortorders': (6, 'struct mapi_sortorder_set'),
    # RopNotify's NotificationData (MS-OXCNOTIF 2.2.1.4.1.2), hand-written: rop_notification.h
    'notification': (2, 'struct rop_notification_data'),
    'typedstring': (1, 'struct mapi_typed_string'),
    'rest': (0, 'struct mapi_binary'),	# every byte left (RopBufferTooSmall): unframed
}
ELEMENTS = set(SCALARS) | {'asciiz', 'utf16z', 'tagged'}
ROW_TYPES = ('proprow', 'rowset')
COLUMN_TYPES = ROW_TYPES + ('notification',)	# the types that take (columns)
REST_ONLY = 'rest: only the last field of a response'
C_KEYWORDS = {'if', 'else', 'for', 'while', 'do', 'int', 'char', 'return', 'default', 'case',
              'switch', 'struct', 'union', 'static', 'const', 'register', 'auto', 'long', 'short',
              'signed', 'unsigned', 'void', 'volatile', 'extern', 'goto', 'break', 'continue',
              'enum', 'float', 'double', 'sizeof', 'typedef', 'inline', 'restrict', 'bool'}


def snake(name):
    """CamelCase spec name to snake_case C name: 'OutputHandleIndex' -> 'output_handle_index'."""
    s = re.sub(r'([A-Z]+)([A-Z][a-z])', r'\1_\2', name)
    s = re.sub(r'([a-z0-9])([A-Z])', r'\1_\2', s).lower()
    return s + '_' if s in C_KEYWORDS else s


@dataclass
class TsvRop:
    id: int
    name: str
    section: str
    obsolete: bool


def load_tsv(path):
    """rops.tsv rows by id. Raises RopError on a malformed row."""
    rows = {}
    with open(path, encoding='utf-8') as fh:
        for n, row in enumerate(csv.reader(fh, delimiter='\t'), 1):
            if n == 1 or not row:
                continue
            if len(row) < 6:
                raise RopError(path, n, 'expected 6 columns')
            rows.setdefault(int(row[0], 16), []).append(
                TsvRop(int(row[0], 16), row[1], row[2], row[5].strip() == 'yes'))
    return rows


def walk(items):
    """Every Field, If and Sized of a body, depth first, in wire order."""
    for it in items:
        yield it
        if isinstance(it, (If, Sized)):
            yield from walk(it.body)
        if isinstance(it, If):
            yield from walk(it.orelse)


def min_size(items, structs):
    """Least wire bytes of a body: unconditional fields only."""
    total = 0
    for it in items:
        if isinstance(it, Sized):
            total += SCALARS[it.type][0] + min_size(it.body, structs)
        elif isinstance(it, Field) and not it.optional and not it.context:
            elem = elem_min(it.type, structs)
            if it.size is None:
                total += elem
            elif isinstance(it.size, int):
                total += elem * it.size
    return total


def elem_min(typ, structs):
    if typ in SCALARS:
        return SCALARS[typ][0]
    if typ in COMPOUNDS:
        return COMPOUNDS[typ][0]
    return structs[typ].min_size


class Model:
    def __init__(self, files, tsv):
        self.tsv = tsv
        self.structs = {}
        self.rops = []
        for f in files:
            for st in f.structs:
                self.add_struct(f.filename, st)
        for f in files:
            for rop in f.rops:
                self.add_rop(f.filename, rop)
        self.rops.sort(key=lambda r: r.id)

    def add_struct(self, filename, st):
        if st.name in self.structs or st.name in SCALARS or st.name in COMPOUNDS:
            raise RopError(filename, st.line, f'struct {st.name} defined twice or shadows a type')
        self.check_body(filename, st.body, {}, allow_params=False)
        st.min_size = min_size(st.body, self.structs)
        st.filename = filename
        self.structs[st.name] = st

    def add_rop(self, filename, rop):
        rows = self.tsv.get(rop.id, [])
        match = [r for r in rows if r.name == rop.name]
        if not match:
            raise RopError(filename, rop.line,
                           f'{rop.name} 0x{rop.id:02X} is not a ROP of rops.tsv')
        if match[0].obsolete:
            raise RopError(filename, rop.line, f'{rop.name} is obsolete or reserved in rops.tsv')
        if any(r.name == rop.name for r in self.rops):
            raise RopError(filename, rop.line, f'{rop.name} described twice')
        rop.section = match[0].section
        if rop.response_id is None:
            rop.response_id = rop.id
        elif not 0 <= rop.response_id <= 0xFF:
            raise RopError(filename, rop.line, 'response id out of range')
        rop.filename = filename
        if not rop.has_request and not rop.has_response:
            raise RopError(filename, rop.line, 'a ROP needs a request or a response')
        self.check_body(filename, rop.request, {}, allow_params=False)
        if rop.bare:
            self.check_body(filename, rop.response, {}, allow_params=True)
        if rop.handle is not None:
            scope = {rop.handle: Field(rop.line, 'u8', rop.handle),
                     'ReturnValue': Field(rop.line, 'u32', 'ReturnValue')}
            base = dict(scope)
            self.check_body(filename, rop.response, scope, allow_params=True)
            seen = set()
            for err in rop.errors:
                if err.value == 0 or err.value in seen:
                    raise RopError(filename, err.line, 'error shape for 0 or given twice')
                seen.add(err.value)
                # Shapes exclude each other: a name may repeat across them, with one C type.
                self.check_body(filename, err.body, dict(base), allow_params=True)
                self.check_shared(filename, err.body, scope)
        rop.params = sorted({f.param for f in self.fields(rop) if f.type in COLUMN_TYPES})
        rop.unframed = self.check_rest(filename, rop)
        self.rops.append(rop)

    def check_rest(self, filename, rop):
        """'rest' ends a response, at top level, and nowhere else."""
        bodies = [rop.request, rop.response] + [e.body for e in rop.errors]
        bodies += [st.body for st in self.structs.values()]
        for body in bodies:
            for n, it in enumerate(body):
                if isinstance(it, Field) and it.type == 'rest':
                    ok = n == len(body) - 1 and it.size is None and \
                        body is rop.response
                    if not ok:
                        raise RopError(filename, it.line, REST_ONLY)
            for it in walk(body):
                if isinstance(it, (If, Sized)):
                    for f in walk(it.body + getattr(it, 'orelse', [])):
                        if isinstance(f, Field) and f.type == 'rest':
                            raise RopError(filename, f.line, REST_ONLY)
        return any(isinstance(f, Field) and f.type == 'rest' for f in rop.request + rop.response)

    @staticmethod
    def check_shared(filename, body, scope):
        for f in walk(body):
            if isinstance(f, (Field, Sized)):
                other = scope.get(f.name)
                same = other is None or (type(other) is type(f) and other.type == f.type and
                                         getattr(other, 'size', None) == getattr(f, 'size', None))
                if not same:
                    raise RopError(filename, f.line, f'{f.name} repeats with another type')
                scope.setdefault(f.name, f)

    @staticmethod
    def fields(rop):
        bodies = [rop.response] + [e.body for e in rop.errors]
        return [f for b in bodies for f in walk(b) if isinstance(f, Field)]

    def check_body(self, filename, items, scope, allow_params, in_sized=False):
        """Checks items in order, adding their names to scope (shared by one C struct)."""
        for n, it in enumerate(items):
            if isinstance(it, If):
                ref = scope.get(it.name)
                if ref is None or not isinstance(ref, Field) or ref.type not in SCALARS \
                        or ref.size is not None:
                    raise RopError(filename, it.line,
                                   f'condition on {it.name}: not an earlier integer field')
                before = dict(scope)
                self.check_body(filename, it.body, scope, allow_params, in_sized)
                # the two branches exclude each other: a name may repeat with one C type
                other = dict(before)
                self.check_body(filename, it.orelse, other, allow_params, in_sized)
                self.check_shared(filename, it.orelse, scope)
                continue
            if it.name in scope or snake(it.name) in {snake(k) for k in scope}:
                raise RopError(filename, it.line, f'{it.name} defined twice')
            if isinstance(it, Sized):
                if it.type not in ('u16', 'u32'):
                    raise RopError(filename, it.line, 'sized takes u16 or u32')
                scope[it.name] = it
                self.check_body(filename, it.body, scope, allow_params, True)
                continue
            self.check_field(filename, it, scope, allow_params,
                             in_sized and n == len(items) - 1)
            scope[it.name] = it

    def check_field(self, filename, f, scope, allow_params, last_in_sized):
        known = f.type in SCALARS or f.type in COMPOUNDS or f.type in self.structs
        if not known:
            raise RopError(filename, f.line, f'unknown type {f.type}')
        if f.context:
            if f.type not in SCALARS:
                raise RopError(filename, f.line, 'context fields are integers or bool')
            return
        if f.columns is not None:
            # rows whose columns the spec fixes (RopGetReceiveFolderTable): any half, arrays too
            if f.type != 'proprow' or any(not 0 < c <= 0xFFFFFFFF for c in f.columns):
                raise RopError(filename, f.line, 'fixed columns: proprow and 32-bit tags only')
        if f.size is not None:
            if f.type not in ELEMENTS and f.type not in self.structs and f.columns is None:
                raise RopError(filename, f.line, f'{f.type} cannot be an array element')
            if isinstance(f.size, int):
                if not 0 < f.size <= 4096:
                    raise RopError(filename, f.line, 'fixed array size out of range 1..4096')
            else:
                ref = scope.get(f.size)
                if not isinstance(ref, Field) or ref.type not in COUNT_TYPES or ref.size:
                    raise RopError(filename, f.line,
                                   f'count {f.size}: not an earlier u8/u16/u32 field')
                if elem_min(f.type, self.structs) == 0:
                    raise RopError(filename, f.line, f'{f.type} has no least size to bound a count')
        if f.type == 'string':
            ref = scope.get(f.param)
            if not isinstance(ref, Field) or ref.type not in SCALARS or ref.size is not None:
                raise RopError(filename, f.line,
                               'string takes (FIELD): an earlier integer field, nonzero for UTF-16')
            return
        if f.columns is not None:
            return
        if (f.type in COLUMN_TYPES) != (f.param is not None):
            raise RopError(filename, f.line,
                           'proprow, rowset and notification, and only they, take (columns)')
        if f.param is not None and f.param != 'columns':
            raise RopError(filename, f.line, 'the column-set parameter is called columns')
        if f.param is not None and not allow_params:
            raise RopError(filename, f.line, 'column parameters only in responses')
        if f.optional and not (f.type == 'restriction' and last_in_sized):
            raise RopError(filename, f.line, 'optional: only a restriction ending a sized block')


def load(paths, tsv_path):
    """Parses and checks the .rop files. Returns a Model. Raises RopError."""
    tsv = load_tsv(tsv_path)
    files = []
    for p in paths:
        with open(p, encoding='utf-8') as fh:
            files.append(parse(fh.read(), p))
    return Model(files, tsv)


def non_obsolete(tsv):
    """The (id, name) pairs of rops.tsv that are not obsolete or reserved."""
    return sorted((r.id, r.name) for rows in tsv.values() for r in rows if not r.obsolete)
