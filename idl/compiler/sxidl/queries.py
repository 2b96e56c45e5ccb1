"""Questions about shapes and types asked by the model checks and the C emitter: sizes,
alignment, deferred parts, and which types are recursive."""
from .modeltypes import (Array, ContextHandle, CONTEXT_HANDLE_SIZE, Handle, Named, POINTER_SIZE, Ptr,
                    Scalar, String, Struct, Union)
from . import ast


def size_exprs(shape):
    """Expressions (size_is, length_is, switch_is) used by a shape, outermost first."""
    out = []
    while shape is not None:
        if isinstance(shape, Array):
            out += [e for e in (shape.size_is, shape.length_is) if e is not None]
            shape = shape.elem
        elif isinstance(shape, Ptr):
            shape = shape.target
        elif isinstance(shape, String):
            out += [shape.size_is] if shape.size_is is not None else []
            shape = None
        elif isinstance(shape, Named):
            out += [shape.switch_is] if shape.switch_is is not None else []
            shape = None
        else:
            shape = None
    return out


def expr_idents(expr):
    if isinstance(expr, ast.Ident):
        return [expr.name]
    if isinstance(expr, (ast.Unary, ast.Cast)):
        return expr_idents(expr.operand)
    if isinstance(expr, ast.Binary):
        return expr_idents(expr.left) + expr_idents(expr.right)
    return []


def is_conformant(struct):
    return bool(struct.fields) and isinstance(struct.fields[-1].shape, Array) and \
        struct.fields[-1].shape.fixed is None


def min_size(shape, visiting):
    """Smallest number of bytes a shape's scalar part takes on the wire (a lower bound)."""
    if isinstance(shape, Scalar):
        return shape.base.size
    if isinstance(shape, (Ptr,)):
        return POINTER_SIZE
    if isinstance(shape, Handle):
        return 0
    if isinstance(shape, Array):
        if shape.fixed is not None:
            return shape.fixed * min_size(shape.elem, visiting)
        return 4 + (8 if shape.varying else 0)
    if isinstance(shape, Named):
        t = shape.type
        if isinstance(t, ContextHandle):
            return CONTEXT_HANDLE_SIZE
        if id(t) in visiting:
            return 0
        visiting = visiting | {id(t)}
        if isinstance(t, Struct):
            return sum(min_size(f.shape, visiting) for f in t.fields)
        if isinstance(t, Union):
            arms = [min_size(a.field.shape, visiting) if a.field else 0 for a in t.arms]
            return t.switch.size + (min(arms) if arms else 0)
    return 0


def align_of(shape, visiting=frozenset()):
    """NDR32 alignment of a shape's scalar part."""
    if isinstance(shape, Scalar):
        return min(shape.base.size, 8)
    if isinstance(shape, Ptr):
        return 4
    if isinstance(shape, Handle):
        return 1
    if isinstance(shape, Array):
        a = align_of(shape.elem, visiting)
        return max(a, 4) if shape.fixed is None else a
    if isinstance(shape, Named):
        t = shape.type
        if isinstance(t, ContextHandle):
            return 4
        if id(t) in visiting:
            return 1
        visiting = visiting | {id(t)}
        if isinstance(t, Struct):
            return max([align_of(f.shape, visiting) for f in t.fields] + [1])
        if isinstance(t, Union):
            return max([t.switch.size] + [align_of(a.field.shape, visiting) for a in t.arms if a.field])
    return 1


def has_buffers(shape, visiting=frozenset()):
    """True if the shape has a deferred (pointee) part."""
    if isinstance(shape, Ptr):
        return True
    if isinstance(shape, Array):
        return has_buffers(shape.elem, visiting)
    if isinstance(shape, Named):
        t = shape.type
        if id(t) in visiting or isinstance(t, ContextHandle):
            return False
        visiting = visiting | {id(t)}
        if isinstance(t, Struct):
            return any(has_buffers(f.shape, visiting) for f in t.fields)
        if isinstance(t, Union):
            return any(has_buffers(a.field.shape, visiting) for a in t.arms if a.field)
    return False


def named_refs(shape, through_pointer=False):
    """(type, through_pointer) for each named type a shape mentions."""
    if isinstance(shape, Named):
        return [(shape.type, through_pointer)]
    if isinstance(shape, Ptr):
        return named_refs(shape.target, True)
    if isinstance(shape, Array):
        return named_refs(shape.elem, through_pointer or shape.fixed is None)
    return []


def type_edges(t):
    if isinstance(t, Struct):
        return [r for f in t.fields for r in named_refs(f.shape)]
    if isinstance(t, Union):
        return [r for a in t.arms if a.field for r in named_refs(a.field.shape)]
    return []


def reachable(start):
    """ids of every struct/union reachable from start (start included)."""
    seen, stack = set(), [start]
    while stack:
        u = stack.pop()
        if id(u) in seen:
            continue
        seen.add(id(u))
        stack += [r for r, _ in type_edges(u)]
    return seen


def mark_recursion(iface):
    """Marks the types that can contain themselves: the target v of a pointer or conformant
    edge u -> v from which u is reachable again. Their pulls count depth (one per nesting)."""
    for u in iface.types:
        for v, via_ptr in type_edges(u):
            if via_ptr and isinstance(v, (Struct, Union)) and id(u) in reachable(v):
                v.recursion_point = True
