"""Typed model: resolves the syntax tree into interfaces, types and wire shapes.

Every field and parameter gets a 'shape' (a small tree of Scalar/Named/Ptr/Array/String/Handle)
that says exactly how it travels in NDR; the emitter walks shapes and never looks at the syntax
tree. Anything the emitter cannot do is refused here with file:line.
"""
from . import IdlError
from . import ast
from .queries import (align_of, expr_idents, has_buffers, is_conformant, mark_recursion,  # noqa: F401
                      min_size, size_exprs)
from .modeltypes import (Alias, Arm, Array, Base, BASES, BASE_SPELLINGS, CHAR_SPELLINGS,  # noqa: F401
                         ContextHandle, Enum, Field, Function, Handle, Interface, Named, Param, Ptr,
                         Scalar, String, Struct, Union)


class Builder:
    """Turns one ast.Interface into an Interface."""

    def __init__(self, filename, iface):
        self.filename = filename
        self.ast = iface
        self.typedefs = {}
        self.resolved = {}
        self.resolving = set()

    def error(self, line, msg):
        raise IdlError(self.filename, line, msg)

    # -- attribute helpers
    def attr(self, attrs, name):
        for a in attrs:
            if a.name == name:
                return a
        return None

    def check_attrs(self, attrs, allowed, what):
        for a in attrs:
            if a.name not in allowed:
                self.error(a.line, f"attribute '{a.name}' is not supported on {what}")

    def const(self, expr, line):
        """Evaluates a constant expression (range bounds, case values, enumerators)."""
        if isinstance(expr, ast.Num):
            return expr.value
        if isinstance(expr, ast.Unary) and expr.op == '-':
            return -self.const(expr.operand, line)
        if isinstance(expr, ast.Cast):
            return self.const(expr.operand, line)
        if isinstance(expr, ast.Binary):
            a, b = self.const(expr.left, line), self.const(expr.right, line)
            ops = {'+': a + b, '-': a - b, '*': a * b, '|': a | b, '&': a & b, '^': a ^ b,
                   '<<': a << b if b < 64 else 0, '>>': a >> b if b < 64 else 0}
            if expr.op in ops:
                return ops[expr.op]
        self.error(line, 'expected a constant expression')

    # -- interface
    def build(self):
        a = self.ast
        self.check_attrs(a.attrs, {'uuid', 'version', 'pointer_default', 'helpstring',
                                   'endpoint', 'authservice'}, 'an interface')
        uuid = self.attr(a.attrs, 'uuid')
        if uuid is None:
            self.error(a.line, f"interface '{a.name}' has no uuid()")
        parts = uuid.raw.split('-')
        if [len(p) for p in parts] != [8, 4, 4, 4, 12] or \
                any(c not in '0123456789abcdefABCDEF' for c in ''.join(parts)):
            self.error(uuid.line, f'bad uuid {uuid.raw!r}')
        version = self.attr(a.attrs, 'version')
        if version is None:
            self.error(a.line, f"interface '{a.name}' has no version()")
        vparts = version.raw.split('.')
        if len(vparts) > 2 or not all(p.isdigit() for p in vparts):
            self.error(version.line, f'bad version {version.raw!r}')
        vtuple = (int(vparts[0]), int(vparts[1]) if len(vparts) > 1 else 0)
        if vtuple[0] > 0xffff or vtuple[1] > 0xffff:
            self.error(version.line, 'version numbers are 16-bit')
        pd = self.attr(a.attrs, 'pointer_default')
        pdkind = 'unique'
        if pd is not None:
            if len(pd.args) != 1 or not isinstance(pd.args[0], ast.Ident) or \
                    pd.args[0].name not in ('ref', 'unique', 'ptr'):
                self.error(pd.line, 'pointer_default takes ref, unique or ptr')
            pdkind = pd.args[0].name
        hs = self.attr(a.attrs, 'helpstring')
        self.iface = Interface(a.name, uuid.raw.lower(), vtuple, hs.raw.strip('"') if hs else a.name,
                               pdkind,
                               [x.raw.strip('"') for x in a.attrs if x.name == 'endpoint'],
                               [x.raw.strip('"') for x in a.attrs if x.name == 'authservice'],
                               filename=self.filename)
        for td in a.typedefs:
            if td.decl.name in self.typedefs or td.decl.name in BASES:
                self.error(td.line, f"type '{td.decl.name}' defined twice")
            self.typedefs[td.decl.name] = td
        for td in a.typedefs:
            self.resolve(td.decl.name, td.line)
        opnums = set()
        for fn in a.functions:
            f = self.function(fn)
            if f.opnum in opnums:
                self.error(fn.line, f'opnum {f.opnum} used twice')
            opnums.add(f.opnum)
            self.iface.functions.append(f)
        self.iface.functions.sort(key=lambda f: f.opnum)
        for i, f in enumerate(self.iface.functions):
            if f.opnum != i:
                self.error(f.line, f'opnum {i} is missing (every opnum up to the last needs an entry)')
        mark_recursion(self.iface)
        return self.iface

    # -- typedefs
    def resolve(self, name, line):
        """The model type for a typedef name (Struct, Union, Enum, Alias, ContextHandle)."""
        if name in self.resolved:
            return self.resolved[name]
        td = self.typedefs.get(name)
        if td is None:
            self.error(line, f"unknown type '{name}'")
        d = td.decl
        cname = f'{self.ast.name}_{name}'
        if isinstance(d.spec, ast.StructSpec):
            self.check_attrs(td.attrs, {'public'}, 'a struct')
            t = Struct(name, cname, [], td.line)
            self.resolved[name] = t     # registered first: fields may point back to it
            self.iface.types.append(t)
            seen = set()
            for fd in d.spec.fields:
                if fd.name in seen:
                    self.error(fd.line, f"field '{fd.name}' appears twice")
                seen.add(fd.name)
                t.fields.append(Field(fd.name, self.shape(fd, 'field', fd.attrs), fd.line))
            self.check_struct(t)
            return t
        if isinstance(d.spec, ast.UnionSpec):
            self.check_attrs(td.attrs, {'switch_type', 'public'}, 'a union')
            st = self.attr(td.attrs, 'switch_type')
            if st is None:
                self.error(td.line, f"union '{name}' needs switch_type()")
            words = [st.args[0].name] if st.args and isinstance(st.args[0], ast.Ident) else []
            switch = BASES.get(BASE_SPELLINGS.get(tuple(words), ''), None)
            if switch is None or switch.size > 4:
                self.error(st.line, 'switch_type must be an integer type of at most 32 bits')
            t = Union(name, cname, switch, [], td.line)
            self.resolved[name] = t
            self.iface.types.append(t)
            for arm in d.spec.arms:
                t.arms.append(self.arm(arm))
            self.check_union(t)
            return t
        if isinstance(d.spec, ast.EnumSpec):
            return self.enum(td, name, cname)
        # typedef of a named or base type
        words = tuple(d.spec.words)
        if self.attr(td.attrs, 'context_handle'):
            if words != ('void',) or d.ptrs != 1:
                self.error(td.line, 'a context_handle typedef is "void *"')
            t = ContextHandle(name)
            self.resolved[name] = t
            return t
        self.check_attrs(td.attrs, {'range'}, 'a typedef')
        if d.ptrs or d.dims or words not in BASE_SPELLINGS:
            self.error(td.line, 'only base types can be aliased (with an optional [range])')
        rng = self.range_attr(td.attrs)
        t = Alias(name, cname, BASES[BASE_SPELLINGS[words]], rng, td.line)
        self.resolved[name] = t
        self.iface.types.append(t)
        return t

    def enum(self, td, name, cname):
        spec = td.decl.spec
        if spec.kind == 'enum':
            self.check_attrs(td.attrs, {'v1_enum', 'enum16bit', 'enum8bit'}, 'an enum')
            base = BASES['uint32'] if self.attr(td.attrs, 'v1_enum') else \
                BASES['uint8'] if self.attr(td.attrs, 'enum8bit') else BASES['uint16']
        else:
            self.check_attrs(td.attrs, {'bitmap8bit', 'bitmap16bit', 'bitmap32bit'}, 'a bitmap')
            base = BASES['uint8'] if self.attr(td.attrs, 'bitmap8bit') else \
                BASES['uint16'] if self.attr(td.attrs, 'bitmap16bit') else BASES['uint32']
        values, nxt = [], 0
        for vname, vexpr, vline in spec.values:
            if vexpr is None and spec.kind == 'bitmap':
                self.error(vline, 'every bitmap flag needs a value')
            value = self.const(vexpr, vline) if vexpr is not None else nxt
            if value < 0 or value >= 1 << (8 * base.size):
                self.error(vline, f"value of '{vname}' does not fit {base.size * 8} bits")
            values.append((vname, value))
            nxt = value + 1
        t = Enum(name, cname, spec.kind, base, values, td.line)
        self.resolved[name] = t
        self.iface.types.append(t)
        return t

    def arm(self, arm):
        case = self.attr(arm.attrs, 'case')
        default = self.attr(arm.attrs, 'default')
        if (case is None) == (default is None):
            self.error(arm.line, 'a union arm needs exactly one of case() and default')
        values = None if default else [self.const(e, arm.line) for e in case.args]
        if values is not None and not values:
            self.error(arm.line, 'case() needs at least one value')
        fld = None
        if arm.decl is not None:
            fattrs = [a for a in arm.attrs if a.name not in ('case', 'default')] + arm.decl.attrs
            fld = Field(arm.decl.name, self.shape(arm.decl, 'arm', fattrs), arm.decl.line)
            if isinstance(fld.shape, Array) and fld.shape.fixed is None:
                self.error(arm.line, 'a union arm cannot be a conformant array')
            if size_exprs(fld.shape):
                self.error(arm.line, 'size_is/switch_is inside a union arm is not supported: wrap it in a struct')
        return Arm(values, fld)

    def range_attr(self, attrs):
        r = self.attr(attrs, 'range')
        if r is None:
            return None
        if len(r.args) != 2:
            self.error(r.line, 'range() takes two bounds')
        lo, hi = self.const(r.args[0], r.line), self.const(r.args[1], r.line)
        if lo > hi or lo < -(1 << 31) or hi >= (1 << 32):
            self.error(r.line, f'bad range({lo}, {hi})')
        return (lo, hi)

    # -- shapes
    def base_shape(self, spec, line):
        words = tuple(spec.words)
        if words == ('handle_t',):
            return Handle()
        if words in BASE_SPELLINGS:
            return Scalar(BASES[BASE_SPELLINGS[words]])
        if len(words) != 1:
            self.error(line, f"unknown type '{' '.join(words)}'")
        t = self.resolve(words[0], line)
        if isinstance(t, Alias):
            return Scalar(t.base, t.range, alias=t)
        if isinstance(t, Enum):
            return Scalar(t.base, enum=t)
        return Named(t)

    def shape(self, d, where, attrs):
        """The wire shape of a declarator; where is 'field', 'arm' or 'param'."""
        allowed = {'size_is', 'length_is', 'switch_is', 'range', 'string', 'ref', 'unique', 'ptr'}
        if where == 'param':
            allowed |= {'in', 'out'}
        self.check_attrs(attrs, allowed, f"'{d.name}'")
        kinds = [a.name for a in attrs if a.name in ('ref', 'unique', 'ptr')]
        if len(kinds) > 1:
            self.error(d.line, 'more than one pointer attribute')
        size_is = self.attr(attrs, 'size_is')
        length_is = self.attr(attrs, 'length_is')
        for a in (size_is, length_is):
            if a is not None and len(a.args) != 1:
                self.error(a.line, f'{a.name}() takes one expression (multi-level sizes are not supported)')
        size_e = size_is.args[0] if size_is else None
        length_e = length_is.args[0] if length_is else None
        if length_e is not None and size_e is None:
            self.error(d.line, 'length_is without size_is is not supported')
        if len(d.dims) > 1:
            self.error(d.line, 'multi-dimensional arrays are not supported')

        if self.attr(attrs, 'string'):
            cs = CHAR_SPELLINGS.get(tuple(d.spec.words)) if isinstance(d.spec, ast.BaseSpec) else None
            if cs is None:
                self.error(d.line, '[string] needs a char or wchar_t element type')
            if d.ptrs == 0:
                self.error(d.line, '[string] arrays are supported only behind a pointer')
            if length_e is not None:
                self.error(d.line, '[string] with length_is is not supported')
            shape = String(cs)
        else:
            if not isinstance(d.spec, ast.BaseSpec):
                self.error(d.line, 'nested struct/union definitions are not supported: use a typedef')
            shape = self.base_shape(d.spec, d.line)
        if isinstance(shape, Handle):
            if where != 'param' or d.ptrs or d.dims:
                self.error(d.line, 'handle_t is supported only as a plain parameter')
            return shape

        size_on_ptr = size_e is not None and not d.dims
        if size_e is not None and d.ptrs == 0 and not d.dims:
            self.error(d.line, 'size_is on something that is neither a pointer nor an array')
        for i in range(d.ptrs):
            outer = i == d.ptrs - 1
            if outer and size_on_ptr:
                if isinstance(shape, String):
                    shape.size_is = size_e
                else:
                    shape = Array(None, size_e, length_e, shape)
            if outer and kinds:
                kind = kinds[0]
            elif outer and where == 'param':
                kind = 'ref'
            else:
                kind = self.iface.pointer_default
            shape = Ptr(kind, shape)
        if d.ptrs == 0 and kinds:
            self.error(d.line, f"[{kinds[0]}] on something that is not a pointer")
        if d.dims:
            dim = d.dims[0]
            if dim is not None:
                if size_e is not None:
                    self.error(d.line, 'a fixed array cannot have size_is')
                n = self.const(dim, d.line)
                if n <= 0 or n > 65536:
                    self.error(d.line, f'bad fixed array size {n}')
                shape = Array(n, None, None, shape)
            else:
                if size_e is None:
                    self.error(d.line, 'a conformant array needs size_is')
                shape = Array(None, size_e, length_e, shape)

        rng = self.range_attr(attrs)
        if rng is not None:
            target = shape.target if isinstance(shape, Ptr) and where == 'param' else shape
            if isinstance(target, Scalar):
                target.range = rng
            elif isinstance(target, Array) and target.fixed is None:
                target.range = rng
            else:
                self.error(d.line, 'range() applies to an integer or a conformant array')

        sw = self.attr(attrs, 'switch_is')
        target = shape.target if isinstance(shape, Ptr) else shape
        if isinstance(target, Named) and isinstance(target.type, Union):
            if sw is None or len(sw.args) != 1:
                self.error(d.line, f"union '{d.name}' needs switch_is(expr)")
            target.switch_is = sw.args[0]
        elif sw is not None:
            self.error(sw.line, 'switch_is applies to a union')
        if isinstance(shape, String):
            self.error(d.line, 'a string must be behind a pointer')
        return shape

    def check_struct(self, t):
        for i, f in enumerate(t.fields):
            s = f.shape
            if isinstance(s, Array) and s.fixed is None and i != len(t.fields) - 1:
                self.error(f.line, 'a conformant array must be the last field of its struct')
            if isinstance(s, Named) and isinstance(s.type, Struct) and is_conformant(s.type):
                self.error(f.line, 'embedding a conformant struct is not supported: use a pointer')
            for expr in size_exprs(s):
                for name in expr_idents(expr):
                    names = [x.name for x in t.fields[:i]]
                    if name not in names:
                        self.error(f.line, f"'{name}' in a size/switch expression must be an earlier field")
        if min_size(Named(t), set()) == 0:
            self.error(t.line, f"struct '{t.name}' has no wire representation")

    def check_union(self, t):
        seen = set()
        defaults = 0
        for arm in t.arms:
            if arm.values is None:
                defaults += 1
                continue
            for v in arm.values:
                if v in seen:
                    self.error(t.line, f'case value {v:#x} appears twice')
                seen.add(v)
        if defaults > 1:
            self.error(t.line, 'more than one default arm')

    # -- functions
    def function(self, fn):
        self.check_attrs(fn.attrs, {'opnum', 'reserved'}, 'a function')
        op = self.attr(fn.attrs, 'opnum')
        if op is None or len(op.args) != 1:
            self.error(fn.line, f"function '{fn.name}' needs opnum(N)")
        opnum = self.const(op.args[0], fn.line)
        words = tuple(fn.ret.words)
        if words == ('void',):
            result = None
        elif words in BASE_SPELLINGS:
            if BASES[BASE_SPELLINGS[words]].size != 4:
                self.error(fn.line, 'a result must be a 32-bit integer or void')
            # Results are status codes (MAPI errors like 0x80040111): unsigned in C, same wire.
            result = BASES['uint32']
        else:
            self.error(fn.line, f"unsupported result type '{' '.join(words)}'")
        reserved = self.attr(fn.attrs, 'reserved') is not None
        params = []
        names = set()
        for p in fn.params:
            if p.name in names or p.name == 'result':
                self.error(p.line, f"parameter name '{p.name}' is used twice or reserved")
            names.add(p.name)
            dir_in = self.attr(p.attrs, 'in') is not None
            dir_out = self.attr(p.attrs, 'out') is not None
            if not dir_in and not dir_out:
                self.error(p.line, f"parameter '{p.name}' needs [in] and/or [out]")
            shape = self.shape(p, 'param', p.attrs)
            if dir_out and not isinstance(shape, (Ptr, Array)):
                self.error(p.line, f"[out] parameter '{p.name}' must be a pointer or an array")
            if dir_out and isinstance(shape, Ptr) and shape.kind != 'ref' and not dir_in:
                self.error(p.line, f"[out] parameter '{p.name}' must be a [ref] pointer")
            params.append(Param(p.name, shape, dir_in, dir_out, p.line))
        if reserved and params:
            self.error(fn.line, 'a reserved opnum takes no parameters')
        for p in params:
            for expr in size_exprs(p.shape):
                for name in expr_idents(expr):
                    if name not in names:
                        self.error(p.line, f"'{name}' is not a parameter of {fn.name}")
        return Function(fn.name, opnum, result, params, reserved, fn.line)


def build(file_ast):
    """Builds the model (a list of Interface) from an ast.File."""
    return [Builder(file_ast.filename, i).build() for i in file_ast.interfaces]


def load(path):
    """Parses and builds the IDL file at path."""
    from .parser import parse
    with open(path, encoding='utf-8') as fh:
        text = fh.read()
    return build(parse(text, path))
