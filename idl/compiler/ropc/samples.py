"""Sample encodings of every described ROP, for the generated codecs' round-trip tests.

Each ROP half gets a 'full' sample (every condition true, arrays of two, optional parts present)
and a 'lean' one (conditions false, arrays empty, optional parts absent); responses also get the
failure shape and every declared error shape. Values are small counters, so a field that lands
in the wrong place changes the bytes. The columns of rows are SAMPLE_COLUMNS.
"""
import struct

from .ast import Field, If, Sized
from .model import SCALARS, walk

SAMPLE_COLUMNS = (0x00010003, 0x0037001F)	# PtypInteger32, PtypString
FIXED = {
    'asciiz': b'ab\0',
    'utf16z': 'ab\0'.encode('utf-16-le'),
    'proptags': bytes.fromhex('0200 03000100 1f003700'),
    'tagged': bytes.fromhex('03000100 05000000'),
    # standard row: 5, "A"
    'proprow': bytes.fromhex('00 05000000 41000000'),
    # a standard row, then a flagged row: 7, missing
    'rowset': bytes.fromhex('0200 00 05000000 41000000 01 00 07000000 01'),
    'problems': bytes.fromhex('0100 0000 03000100 0f010480'),
    'restriction': bytes.fromhex('08 03000100'),	# ExistRestriction (MS-OXCDATA 2.12.9)
    'sortorders': bytes.fromhex('0100 0000 0000 0300 0100 01'),
    'typedstring': bytes.fromhex('04 6100 0000'),
    'rest': bytes.fromhex('010203'),
    # TableModified on a message (M), TableRowModified: every table field, then a standard row
    'notification': bytes.fromhex('0081 0500 0100000000000001 0200000000000001 03000000'
                                  '0400000000000001 0500000000000001 06000000'
                                  '0900 00 05000000 41000000'),
}
PACK = {1: '<B', 2: '<H', 4: '<I', 8: '<Q'}
FAILURE = 0x80004005


class Sampler:
    def __init__(self, model, full, override=None):
        self.model = model
        self.full = full
        self.override = override or {}
        self.k = 0

    def body(self, items, env=None):
        env = {} if env is None else env
        counts = {f.size for f in walk(items) if isinstance(f, Field) and isinstance(f.size, str)}
        conds = {it.name: it for it in walk(items) if isinstance(it, If)}
        # a string's width flag: UTF-16 in full samples, 8-bit in lean ones
        for f in walk(items):
            if isinstance(f, Field) and f.type == 'string':
                conds.setdefault(f.param, If(f.line, f.param, None, 0))
        return self.items(items, env, counts, conds)

    def items(self, items, env, counts, conds):
        out = b''
        for it in items:
            if isinstance(it, If):
                v, c = env[it.name], it
                taken = (v & c.value) != 0 if c.op == '&' else \
                    v == c.value if c.op == '==' else v != c.value if c.op == '!=' else v != 0
                out += self.items(it.body if taken else it.orelse, env, counts, conds)
            elif isinstance(it, Sized):
                inner = self.items(it.body, env, counts, conds)
                out += struct.pack(PACK[SCALARS[it.type][0]], len(inner)) + inner
            else:
                out += self.field(it, env, counts, conds)
        return out

    def scalar_value(self, f, counts, conds):
        if f.name in self.override:
            return self.override[f.name]
        if f.name in counts:
            return 2 if self.full else 0
        c = conds.get(f.name)
        if c is not None:
            if c.op == '&':
                return c.value if self.full else 0
            if c.op == '==':
                return c.value if self.full else c.value ^ 1
            if c.op == '!=':
                return (c.value ^ 1) if self.full else c.value
            return 1 if self.full else 0
        self.k += 1
        return 1 if f.type == 'bool' else self.k

    def field(self, f, env, counts, conds):
        if f.context:
            env[f.name] = 0		# the round-trip harness pulls into zeroed structs
            return b''
        if f.optional:
            return self.one(f.type) if self.full else b''
        if f.size is None:
            if f.type in SCALARS:
                v = self.scalar_value(f, counts, conds)
                env[f.name] = v
                return struct.pack(PACK[SCALARS[f.type][0]], v)
            return self.one(f.type, f, env)
        n = f.size if isinstance(f.size, int) else env[f.size]
        return b''.join(self.one(f.type, f, env) for _ in range(n))

    @staticmethod
    def fixed_row(columns):
        """A standard PropertyRow for fixed columns of the types below."""
        values = {0x0003: b'\x05\0\0\0', 0x0014: b'\x07' + b'\0' * 7, 0x0040: b'\x09' + b'\0' * 7,
                  0x001E: b'a\0', 0x001F: 'a\0'.encode('utf-16-le'), 0x000B: b'\x01',
                  0x0102: b'\x01\0\x2a'}
        return b'\0' + b''.join(values[c & 0xFFFF] for c in columns)

    def one(self, typ, f=None, env=None):
        if f is not None and f.columns is not None:
            return self.fixed_row(f.columns)
        if typ == 'string':
            return FIXED['utf16z'] if env.get(f.param) else FIXED['asciiz']
        if typ in SCALARS:
            self.k += 1
            v = 1 if typ == 'bool' else self.k & 0x7F
            return struct.pack(PACK[SCALARS[typ][0]], v)
        if typ in FIXED:
            return FIXED[typ]
        return self.body(self.model.structs[typ].body)


def alternatives(model, body):
    """Overrides that take each '==' branch (PropertyName Kind 0x00 and 0x01...), one by one."""
    bodies, seen, out = [body], set(), []
    while bodies:
        b = bodies.pop()
        for it in walk(b):
            if isinstance(it, Field) and it.type in model.structs and it.type not in seen:
                seen.add(it.type)
                bodies.append(model.structs[it.type].body)
            if isinstance(it, If) and it.op == '==':
                out.append({it.name: it.value})
    return out


def head(rop, rv):
    return bytes([rop.response_id, 1]) + struct.pack('<I', rv)


def response_samples(model, rop):
    """Success (full, lean, each '==' branch), failure, every error shape, and one sample per
    ReturnValue a condition names (RopFastTransferSourceGetBuffer's 0x480)."""
    def body(items, rv, full=True, alt=None):
        return Sampler(model, full, alt).body(items, {'ReturnValue': rv})

    got = [('response', 'full', head(rop, 0) + body(rop.response, 0)),
           ('response', 'lean', head(rop, 0) + body(rop.response, 0, False))]
    got += [('response', f'with {alt}', head(rop, 0) + body(rop.response, 0, True, alt))
            for alt in alternatives(model, rop.response) if 'ReturnValue' not in alt]
    tail = body(rop.response, FAILURE) if rop.always else b''
    got.append(('response', 'failure', head(rop, FAILURE) + tail))
    for err in rop.errors:
        got.append(('response', f'error 0x{err.value:08X}',
                    head(rop, err.value) + body(err.body, err.value)))
    if rop.always:
        for it in walk(rop.response):
            if isinstance(it, If) and it.name == 'ReturnValue' and it.op in ('==', '!='):
                got.append(('response', f'ReturnValue 0x{it.value:08X}',
                            head(rop, it.value) + body(rop.response, it.value)))
    return got


def samples(model):
    """(rop id, label, 'request'|'response', bytes) for every described ROP, deduplicated."""
    out = []
    for rop in model.rops:
        got = []
        if rop.has_request:
            for full in (True, False):
                s = Sampler(model, full)
                got.append(('request', 'full' if full else 'lean',
                            bytes([rop.id]) + s.body(rop.request)))
            for alt in alternatives(model, rop.request):
                got.append(('request', f'with {alt}', bytes([rop.id]) +
                            Sampler(model, True, alt).body(rop.request)))
        if rop.bare:
            for full in (True, False):
                got.append(('response', 'full' if full else 'lean',
                            bytes([rop.id]) + Sampler(model, full).body(rop.response)))
        if rop.handle is not None:
            got += response_samples(model, rop)
        seen = set()
        for half, label, data in got:
            if (half, data) not in seen:
                seen.add((half, data))
                out.append((rop.id, f'{rop.name} {half} {label}', half, data))
    return out


def emit(model):
    """C source of the rop_samples table (declared in testsuite/unit/rop/rop_samples.h)."""
    lines = ['/* Generated by idl/compiler/ropc.py (samples of every described ROP). */',
             '#include "rop_samples.h"', '',
             'const uint32_t rop_sample_columns[] = { '
             + ', '.join(f'0x{c:08X}' for c in SAMPLE_COLUMNS) + ' };',
             f'const uint16_t rop_sample_column_count = {len(SAMPLE_COLUMNS)};', '',
             'const struct rop_sample rop_samples[] = {']
    for rid, label, half, data in samples(model):
        lines.append(f'\t{{ 0x{rid:02X}, "{label}", {"true" if half == "response" else "false"}, '
                     f'"{data.hex()}" }},')
    lines += ['};', '',
              'const size_t rop_sample_count = sizeof(rop_samples) / sizeof(rop_samples[0]);',
              '']
    return '\n'.join(lines)
