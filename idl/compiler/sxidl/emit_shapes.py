"""Per-shape C statements: the push, pull and print passes for one field or parameter.

ShapeEmitter turns a shape (modeltypes.py) and a C lvalue into statements; emit_c.Emitter
builds whole functions and files from them. NDR rules: C706 chapter 14, MS-RPCE 2.2.5.
"""
from . import ast
from .modeltypes import BASES, BASE_SPELLINGS, Array, ContextHandle, Named, Ptr, Scalar, String, Struct
from .queries import has_buffers, min_size


class Writer:
    """Lines with tab indentation."""

    def __init__(self):
        self.lines = []
        self.level = 0

    def __call__(self, text=''):
        for line in text.split('\n'):
            self.lines.append(('\t' * self.level + line) if line else '')

    def open(self, text):
        self(text)
        self.level += 1

    def close(self, text='}'):
        self.level -= 1
        self(text)

    def text(self):
        return '\n'.join(self.lines) + '\n'


class Env:
    """Translates identifiers in size/length/switch expressions to C lvalues."""

    def __init__(self, names):
        self.names = names      # identifier -> C expression

    def c(self, expr):
        if isinstance(expr, ast.Num):
            return f'{expr.value:#x}U' if expr.value >= 0 else str(expr.value)
        if isinstance(expr, ast.Ident):
            return self.names[expr.name]
        if isinstance(expr, ast.Unary):
            return f'({expr.op}{self.c(expr.operand)})'
        if isinstance(expr, ast.Cast):
            words = tuple(expr.type_words)
            base = BASES.get(BASE_SPELLINGS.get(words, ''), None)
            ctype = base.ctype if base else 'uint32_t'
            return f'(({ctype}){self.c(expr.operand)})'
        if isinstance(expr, ast.Binary):
            return f'({self.c(expr.left)} {expr.op} {self.c(expr.right)})'
        raise TypeError(expr)

    def u32(self, expr):
        return f'(uint32_t){self.c(expr)}'


def struct_env(t):
    return Env({f.name: f'r->{f.name}' for f in t.fields})


def call_env(fn, side):
    names = {}
    for p in fn.params:
        use_out = side == 'out' and p.dir_out
        names[p.name] = f"r->{'out' if use_out else 'in'}.{p.name}"
    return Env(names)


def deref(lv):
    return f'(*{lv})'


def addr(lv):
    if lv.startswith('(*') and lv.endswith(')'):
        return lv[2:-1]
    return f'&{lv}'


def is_pointee_inline(shape):
    """True when a pointer to shape is, in C, the shape itself (arrays and strings)."""
    return isinstance(shape, (Array, String))


class ShapeEmitter:
    """Shape passes; subclassed by emit_c.Emitter."""

    def __init__(self, iface, source_name):
        self.i = iface
        self.src = source_name
        self.counter = 0
        self.uses_mem = False

    def tmp(self, stem):
        self.counter += 1
        return f'{stem}{self.counter}'

    # ---- C types
    def ctype(self, shape):
        """C type of a shape used as a field or a parameter member."""
        if isinstance(shape, Scalar):
            if shape.enum is not None:
                return f'enum {shape.enum.cname}' if shape.enum.kind == 'enum' else shape.enum.cname
            if shape.alias is not None:
                return shape.alias.cname
            return shape.base.ctype
        if isinstance(shape, Named):
            t = shape.type
            if isinstance(t, ContextHandle):
                return 'struct policy_handle'
            return f"{'struct' if isinstance(t, Struct) else 'union'} {t.cname}"
        if isinstance(shape, Ptr):
            if isinstance(shape.target, (Array, String)):
                return self.ctype(shape.target)
            return self.ctype(shape.target) + ' *'
        if isinstance(shape, Array):
            return self.ctype(shape.elem) + ' *'
        if isinstance(shape, String):
            return 'const char *'
        raise TypeError(shape)

    def decl(self, shape, name):
        if isinstance(shape, Array) and shape.fixed is not None:
            return f'{self.ctype(shape.elem)} {name}[{shape.fixed}]'
        t = self.ctype(shape)
        return f'{t}{name}' if t.endswith('*') else f'{t} {name}'

    def elem_ctype(self, shape):
        """Type to allocate for a pointee or array element (talloc_array)."""
        return self.ctype(shape)

    # ---- checks
    def check(self, w, call):
        w(f'err = {call};')
        w('if (err != NDR_ERR_SUCCESS) {\n\treturn err;\n}')

    # ---- push
    def push_scalars(self, w, shape, lv, env):
        if isinstance(shape, Scalar):
            val = lv if shape.enum is None else f'({shape.base.ctype}){lv}'
            self.check(w, f'ndr_push_{shape.base.prim}(ndr, NDR_SCALARS, {val})')
        elif isinstance(shape, Named):
            t = shape.type
            if isinstance(t, ContextHandle):
                self.check(w, f'ndr_push_policy_handle(ndr, NDR_SCALARS, {addr(lv)})')
            elif isinstance(t, Struct):
                self.check(w, f'ndr_push_{t.cname}(ndr, NDR_SCALARS, {addr(lv)})')
            else:
                self.check(w, f'ndr_push_{t.cname}(ndr, NDR_SCALARS, {env.u32(shape.switch_is)}, {addr(lv)})')
        elif isinstance(shape, Ptr):
            if shape.kind == 'ref':
                w(f'if ({lv} == NULL) {{')
                w('\treturn ndr_push_error(ndr, NDR_ERR_INVALID_POINTER, "NULL [ref] pointer");\n}')
                self.check(w, 'ndr_push_ref_ptr(ndr)')
            else:
                self.check(w, f'ndr_push_unique_ptr(ndr, {lv})')
        elif isinstance(shape, Array):
            if shape.fixed is None:        # inline conformant array: size was pushed first
                if shape.varying:
                    self.check(w, f'sambex_ndr_push_variance(ndr, {env.u32(shape.length_is)})')
            self.loop(w, shape, lv, env, self.push_scalars)

    def loop(self, w, shape, lv, env, fn):
        count = self.count_expr(shape, env)
        i = self.tmp('i')
        w.open(f'for (uint32_t {i} = 0; {i} < {count}; {i}++) {{')
        fn(w, shape.elem, f'{lv}[{i}]', env)
        w.close()

    def count_expr(self, shape, env):
        if shape.fixed is not None:
            return str(shape.fixed)
        return env.u32(shape.length_is if shape.varying else shape.size_is)

    def push_buffers(self, w, shape, lv, env):
        if not has_buffers(shape):
            return
        if isinstance(shape, Named):
            t = shape.type
            if isinstance(t, Struct):
                self.check(w, f'ndr_push_{t.cname}(ndr, NDR_BUFFERS, {addr(lv)})')
            else:
                self.check(w, f'ndr_push_{t.cname}(ndr, NDR_BUFFERS, {env.u32(shape.switch_is)}, {addr(lv)})')
        elif isinstance(shape, Ptr):
            w.open(f'if ({lv} != NULL) {{')
            pointee = lv if is_pointee_inline(shape.target) else deref(lv)
            self.push_full(w, shape.target, pointee, env)
            w.close()
        elif isinstance(shape, Array):
            self.loop(w, shape, lv, env, self.push_buffers)

    def push_full(self, w, shape, lv, env):
        """A pointee or a top-level parameter: header, scalars, then its own deferred part."""
        if isinstance(shape, Array) and shape.fixed is None:
            size = self.tmp('size')
            w(f'uint32_t {size} = {env.u32(shape.size_is)};')
            count = size
            if shape.varying:
                count = self.tmp('length')
                w(f'uint32_t {count} = {env.u32(shape.length_is)};')
            w(f'if ({lv} == NULL && {count} > 0) {{')
            w('\treturn ndr_push_error(ndr, NDR_ERR_INVALID_POINTER, "NULL array with elements");\n}')
            self.check(w, f'sambex_ndr_push_conformance(ndr, {size})')
            if shape.varying:
                self.check(w, f'sambex_ndr_push_variance(ndr, {count})')
            i = self.tmp('i')
            w.open(f'for (uint32_t {i} = 0; {i} < {count}; {i}++) {{')
            self.push_scalars(w, shape.elem, f'{lv}[{i}]', env)
            w.close()
            if has_buffers(shape.elem):
                w.open(f'for (uint32_t {i} = 0; {i} < {count}; {i}++) {{')
                self.push_buffers(w, shape.elem, f'{lv}[{i}]', env)
                w.close()
        elif isinstance(shape, String):
            if shape.size_is is not None:
                self.check(w, f'sambex_ndr_push_string(ndr, {shape.charsize}, {lv}, true, {env.u32(shape.size_is)})')
            else:
                self.check(w, f'sambex_ndr_push_string(ndr, {shape.charsize}, {lv}, false, 0)')
        else:
            self.push_scalars(w, shape, lv, env)
            self.push_buffers(w, shape, lv, env)

    # ---- pull
    def range_check(self, w, rng, value, what):
        if rng is not None:
            self.check(w, f'sambex_ndr_check_range(ndr, (int64_t){value}, {rng[0]}LL, {rng[1]}LL, "{what}")')

    def pull_scalars(self, w, shape, lv, env, what='value'):
        if isinstance(shape, Scalar):
            if shape.enum is not None:
                v = self.tmp('v')
                w(f'{shape.base.ctype} {v};')
                self.check(w, f'ndr_pull_{shape.base.prim}(ndr, NDR_SCALARS, &{v})')
                w(f'{lv} = ({self.ctype(shape)}){v};')
            else:
                self.check(w, f'ndr_pull_{shape.base.prim}(ndr, NDR_SCALARS, {addr(lv)})')
            self.range_check(w, shape.range, lv, what)
        elif isinstance(shape, Named):
            t = shape.type
            if isinstance(t, ContextHandle):
                self.check(w, f'ndr_pull_policy_handle(ndr, NDR_SCALARS, {addr(lv)})')
            elif isinstance(t, Struct):
                self.check(w, f'ndr_pull_{t.cname}(ndr, NDR_SCALARS, {addr(lv)})')
            else:
                self.check(w, f'ndr_pull_{t.cname}(ndr, NDR_SCALARS, {env.u32(shape.switch_is)}, {addr(lv)})')
        elif isinstance(shape, Ptr):
            pid = self.tmp('ptr')
            w(f'uint32_t {pid};')
            self.check(w, f'ndr_pull_generic_ptr(ndr, &{pid})')
            if shape.kind == 'ref':
                w(f'if ({pid} == 0) {{')
                w(f'\treturn ndr_pull_error(ndr, NDR_ERR_INVALID_POINTER, "NULL [ref] {what}");\n}}')
            w.open(f'if ({pid} != 0) {{')
            self.alloc_marker(w, shape.target, lv)
            w.close('} else {')
            w(f'\t{lv} = NULL;\n}}')
        elif isinstance(shape, Array):
            if shape.fixed is None:
                # inline conformant array: the size was pulled at the head of the struct
                size = f'conf_{what}'
                self.check(w, f'sambex_ndr_check_size(ndr, {size}, {env.u32(shape.size_is)}, "{what}")')
                self.range_check(w, shape.range, size, what)
                count = size
                if shape.varying:
                    count = self.tmp('length')
                    w(f'uint32_t {count};')
                    self.check(w, f'sambex_ndr_pull_variance(ndr, {size}, &{count})')
                    self.check(w, f'sambex_ndr_check_size(ndr, {count}, {env.u32(shape.length_is)}, "{what}")')
                self.alloc_array(w, shape, lv, count)
                i = self.tmp('i')
                w.open(f'for (uint32_t {i} = 0; {i} < {count}; {i}++) {{')
                self.pull_scalars(w, shape.elem, f'{lv}[{i}]', env, what)
                w.close()
            else:
                i = self.tmp('i')
                w.open(f'for (uint32_t {i} = 0; {i} < {shape.fixed}; {i}++) {{')
                self.pull_scalars(w, shape.elem, f'{lv}[{i}]', env, what)
                w.close()

    def alloc_marker(self, w, target, lv):
        """A non-NULL placeholder for a pointee pulled later (arrays and strings get their real
        size in the buffers pass); other pointees are allocated now, zeroed."""
        self.uses_mem = True
        if isinstance(target, Array):
            w(f'{lv} = talloc_array(mem, {self.elem_ctype(target.elem)}, 0);')
        elif isinstance(target, String):
            w(f'{lv} = talloc_strdup(mem, "");')
        else:
            w(f'{lv} = talloc_zero(mem, {self.elem_ctype(target)});')
        w(f'if ({lv} == NULL) {{')
        w('\treturn ndr_pull_error(ndr, NDR_ERR_ALLOC, "pointee");\n}')

    def alloc_array(self, w, shape, lv, count):
        self.uses_mem = True
        self.check(w, f'sambex_ndr_check_count(ndr, {count}, {max(1, min_size(shape.elem, set()))})')
        w(f'{lv} = talloc_zero_array(mem, {self.elem_ctype(shape.elem)}, {count});')
        w(f'if ({lv} == NULL) {{')
        w(f'\treturn ndr_pull_error(ndr, NDR_ERR_ALLOC, "array of %u", (unsigned){count});\n}}')

    def pull_buffers(self, w, shape, lv, env, what='value', post=None):
        if not has_buffers(shape):
            return
        if isinstance(shape, Named):
            t = shape.type
            if isinstance(t, Struct):
                self.check(w, f'ndr_pull_{t.cname}(ndr, NDR_BUFFERS, {addr(lv)})')
            else:
                self.check(w, f'ndr_pull_{t.cname}(ndr, NDR_BUFFERS, {env.u32(shape.switch_is)}, {addr(lv)})')
        elif isinstance(shape, Ptr):
            w.open(f'if ({lv} != NULL) {{')
            if is_pointee_inline(shape.target):
                w(f'talloc_free((void *)(uintptr_t){lv});')
                self.pull_full(w, shape.target, lv, env, what, post)
            else:
                self.pull_full(w, shape.target, deref(lv), env, what, post)
            w.close()
        elif isinstance(shape, Array):
            count = self.count_expr(shape, env)
            i = self.tmp('i')
            w.open(f'for (uint32_t {i} = 0; {i} < {count}; {i}++) {{')
            self.pull_buffers(w, shape.elem, f'{lv}[{i}]', env, what, post)
            w.close()

    def pull_full(self, w, shape, lv, env, what, post=None):
        """A pointee or a top-level parameter. post, when given, collects size checks that must
        wait until every parameter is pulled (a parameter's size may come after it)."""
        if isinstance(shape, Array) and shape.fixed is None:
            size = self.tmp('size')
            w(f'uint32_t {size};')
            self.check(w, f'sambex_ndr_pull_conformance(ndr, &{size})')
            self.range_check(w, shape.range, size, what)
            count = size
            if shape.varying:
                count = self.tmp('length')
                w(f'uint32_t {count};')
                self.check(w, f'sambex_ndr_pull_variance(ndr, {size}, &{count})')
            checks = [(size, shape.size_is)] + ([(count, shape.length_is)] if shape.varying else [])
            if post is None:
                for var, expr in checks:
                    self.check(w, f'sambex_ndr_check_size(ndr, {var}, {env.u32(expr)}, "{what}")')
            else:
                for var, expr in checks:
                    holder = self.tmp('wire')
                    post.append((holder, var, expr, what))
                    w(f'{holder} = {var};')
            self.alloc_array(w, shape, lv, count)
            i = self.tmp('i')
            w.open(f'for (uint32_t {i} = 0; {i} < {count}; {i}++) {{')
            self.pull_scalars(w, shape.elem, f'{lv}[{i}]', env, what)
            w.close()
            if has_buffers(shape.elem):
                w.open(f'for (uint32_t {i} = 0; {i} < {count}; {i}++) {{')
                self.pull_buffers(w, shape.elem, f'{lv}[{i}]', env, what)
                w.close()
        elif isinstance(shape, String):
            self.uses_mem = True
            size = self.tmp('size')
            w(f'uint32_t {size};')
            self.check(w, f'sambex_ndr_pull_string(ndr, mem, {shape.charsize}, &{lv}, &{size})')
            if shape.size_is is not None:
                if post is None:
                    self.check(w, f'sambex_ndr_check_size(ndr, {size}, {env.u32(shape.size_is)}, "{what}")')
                else:
                    holder = self.tmp('wire')
                    post.append((holder, size, shape.size_is, what))
                    w(f'{holder} = {size};')
            else:
                w(f'(void){size};')
        else:
            self.pull_scalars(w, shape, lv, env, what)
            self.pull_buffers(w, shape, lv, env, what)

    # ---- print
    def print_shape(self, w, shape, name, lv, env):
        if isinstance(shape, Scalar):
            if shape.enum is not None:
                w(f'ndr_print_{shape.enum.cname}(ndr, {name}, {lv});')
            else:
                w(f'ndr_print_{shape.base.prim}(ndr, {name}, {lv});')
        elif isinstance(shape, Named):
            t = shape.type
            if isinstance(t, ContextHandle):
                w(f'ndr_print_policy_handle(ndr, {name}, {addr(lv)});')
            elif isinstance(t, Struct):
                w(f'ndr_print_{t.cname}(ndr, {name}, {addr(lv)});')
            else:
                w(f'ndr_print_{t.cname}(ndr, {name}, {env.u32(shape.switch_is)}, {addr(lv)});')
        elif isinstance(shape, Ptr):
            w(f'ndr_print_ptr(ndr, {name}, {lv});')
            w.open(f'if ({lv} != NULL) {{')
            w('ndr->depth++;')
            if is_pointee_inline(shape.target):
                self.print_shape(w, shape.target, name, lv, env)
            else:
                self.print_shape(w, shape.target, name, deref(lv), env)
            w('ndr->depth--;')
            w.close()
        elif isinstance(shape, String):
            w(f'ndr_print_string(ndr, {name}, {lv});')
        elif isinstance(shape, Array):
            count = self.count_expr(shape, env)
            if shape.fixed is None:
                w.open(f'if ({lv} == NULL) {{')
                w('ndr_print_null(ndr);')
                w.close('} else {')
                w.level += 1
            elem = shape.elem
            if isinstance(elem, Scalar) and elem.enum is None and elem.base.prim == 'uint8':
                w(f'ndr_print_array_uint8(ndr, {name}, {lv}, {count});')
            else:
                i = self.tmp('i')
                w(f'ndr->print(ndr, "%s: ARRAY(%u)", {name}, (unsigned){count});')
                w('ndr->depth++;')
                w.open(f'for (uint32_t {i} = 0; {i} < {count}; {i}++) {{')
                idx = self.tmp('idx')
                w(f'char {idx}[16];')
                w(f'snprintf({idx}, sizeof({idx}), "[%u]", (unsigned){i});')
                self.print_shape(w, elem, idx, f'{lv}[{i}]', env)
                w.close()
                w('ndr->depth--;')
            if shape.fixed is None:
                w.close()
