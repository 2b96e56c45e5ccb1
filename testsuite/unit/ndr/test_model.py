"""Typed model of idl/compiler: shapes, pointer kinds, recursion, and every refusal."""
import os
import unittest

import sxidl_path  # noqa: F401
from sxidl import IdlError
from sxidl.model import (Array, ContextHandle, Handle, Named, Ptr, Scalar, String, Struct, Union,
                         align_of, build, has_buffers, load, min_size)
from sxidl.parser import parse

HEAD = '[uuid(12345678-1234-5678-9abc-def012345678), version(0.81), pointer_default(unique)] interface t {'


def model(body):
    return build(parse(HEAD + body + '}', 't.idl'))[0]


def types(m):
    return {t.name: t for t in m.types}


class ModelTest(unittest.TestCase):
    def refuses(self, body, text):
        with self.assertRaises(IdlError) as cm:
            model(body)
        self.assertIn(text, str(cm.exception))
        self.assertTrue(str(cm.exception).startswith('t.idl:'))

    def test_interface(self):
        m = model('[opnum(0)] long F([in] DWORD x);')
        self.assertEqual((m.name, m.uuid, m.version, m.pointer_default),
                         ('t', '12345678-1234-5678-9abc-def012345678', (0, 81), 'unique'))

    def test_top_level_pointer_is_ref_and_inner_is_default(self):
        f = model('typedef struct { DWORD x; } S; [opnum(0)] long F([out] S **pp);').functions[0]
        s = f.params[0].shape
        self.assertEqual((s.kind, s.target.kind), ('ref', 'unique'))
        self.assertIsInstance(s.target.target, Named)

    def test_field_pointer_default_and_explicit(self):
        m = model('typedef struct { DWORD *a; [ref] DWORD *b; [ptr] DWORD *c; } S; [opnum(0)] void F(void);')
        kinds = [f.shape.kind for f in types(m)['S'].fields]
        self.assertEqual(kinds, ['unique', 'ref', 'ptr'])

    def test_size_is_on_pointer_makes_array(self):
        s = types(model('typedef struct { DWORD n; [size_is(n)] BYTE *p; } S; [opnum(0)] void F(void);'))['S']
        p = s.fields[1].shape
        self.assertIsInstance(p, Ptr)
        self.assertIsInstance(p.target, Array)
        self.assertEqual(p.target.elem.base.name, 'uint8')

    def test_string_array_shapes(self):
        s = types(model('typedef struct { DWORD n; [size_is(n), string] char **a; } S; '
                        'typedef struct { DWORD n; [size_is(n), string] wchar_t *b[]; } W; [opnum(0)] void F(void);'))
        a = s['S'].fields[1].shape
        self.assertIsInstance(a.target, Array)
        self.assertIsInstance(a.target.elem, Ptr)
        self.assertEqual(a.target.elem.target, String(1))
        b = s['W'].fields[1].shape
        self.assertIsInstance(b, Array)
        self.assertEqual(b.elem.target, String(2))

    def test_string_with_size_is(self):
        f = model('[opnum(0)] long F([in] DWORD cb, [in, string, size_is(cb)] char *s);').functions[0]
        s = f.params[1].shape
        self.assertIsInstance(s.target, String)
        self.assertIsNotNone(s.target.size_is)

    def test_range_on_alias_and_param(self):
        f = model('typedef [range(0, 0x1008)] unsigned long SMALL; [opnum(0)] long F([in, out] SMALL *p, [in, range(1, 9)] DWORD n);').functions[0]
        self.assertEqual(f.params[0].shape.target.range, (0, 0x1008))
        self.assertEqual(f.params[1].shape.range, (1, 9))

    def test_context_handle_and_handle_t(self):
        f = model('typedef [context_handle] void *H; [opnum(0)] long F([in] handle_t b, [in, out] H *h);').functions[0]
        self.assertIsInstance(f.params[0].shape, Handle)
        self.assertIsInstance(f.params[1].shape.target.type, ContextHandle)

    def test_union_and_switch(self):
        m = model('typedef [switch_type(long)] union { [case(1, 2)] long l; [default] ; } U; '
                  'typedef struct { DWORD k; [switch_is(k)] U u; } S; [opnum(0)] void F(void);')
        u = types(m)['U']
        self.assertIsInstance(u, Union)
        self.assertEqual(u.arms[0].values, [1, 2])
        self.assertIsNone(u.arms[1].values)
        self.assertIsNotNone(types(m)['S'].fields[1].shape.switch_is)

    def test_recursion_point(self):
        m = model('typedef struct { DWORD n; [size_is(n)] R *sub; } L; '
                  'typedef [switch_type(long)] union { [case(0)] L list; [case(1)] DWORD leaf; } RU; '
                  'typedef struct { DWORD rt; [switch_is(rt)] RU u; } R; [opnum(0)] void F(void);')
        ts = types(m)
        self.assertTrue(ts['R'].recursion_point)
        self.assertFalse(ts['L'].recursion_point)

    def test_sizes_and_alignment(self):
        m = model('typedef struct { WORD a; hyper b; DWORD *p; } S; [opnum(0)] void F(void);')
        s = Named(types(m)['S'])
        self.assertEqual(min_size(s, set()), 2 + 8 + 4)
        self.assertEqual(align_of(s), 8)
        self.assertTrue(has_buffers(s))

    def test_result_is_unsigned(self):
        f = model('[opnum(0)] long F([in] DWORD x);').functions[0]
        self.assertEqual(f.result.ctype, 'uint32_t')

    def test_enum_values(self):
        e = types(model('typedef [v1_enum] enum { A, B = 5, C } E; [opnum(0)] void F(void);'))['E']
        self.assertEqual(e.values, [('A', 0), ('B', 5), ('C', 6)])
        self.assertEqual(e.base.size, 4)

    # --- refusals, each with file:line
    def test_refuse_unknown_type(self):
        self.refuses('[opnum(0)] long F([in] Nope x);', "unknown type 'Nope'")

    def test_refuse_missing_opnum(self):
        self.refuses('[opnum(1)] long F([in] DWORD x);', 'opnum 0 is missing')

    def test_refuse_duplicate_opnum(self):
        self.refuses('[opnum(0)] long F([in] DWORD x); [opnum(0)] long G([in] DWORD x);', 'opnum 0 used twice')

    def test_refuse_no_direction(self):
        self.refuses('[opnum(0)] long F(DWORD x);', 'needs [in] and/or [out]')

    def test_refuse_out_by_value(self):
        self.refuses('[opnum(0)] long F([out] DWORD x);', 'must be a pointer or an array')

    def test_refuse_conformant_not_last(self):
        self.refuses('typedef struct { DWORD n; [size_is(n)] DWORD a[]; DWORD z; } S; [opnum(0)] void F(void);',
                     'must be the last field')

    def test_refuse_size_from_later_field(self):
        self.refuses('typedef struct { [size_is(n)] BYTE *p; DWORD n; } S; [opnum(0)] void F(void);',
                     'must be an earlier field')

    def test_refuse_unknown_attribute(self):
        self.refuses('typedef struct { [noway] DWORD n; } S; [opnum(0)] void F(void);', "'noway' is not supported")

    def test_refuse_string_on_int(self):
        self.refuses('typedef struct { [string] DWORD *n; } S; [opnum(0)] void F(void);', '[string] needs a char')

    def test_refuse_union_without_switch_is(self):
        self.refuses('typedef [switch_type(long)] union { [case(1)] long l; } U; '
                     'typedef struct { U u; } S; [opnum(0)] void F(void);', 'needs switch_is')

    def test_refuse_duplicate_case(self):
        self.refuses('typedef [switch_type(long)] union { [case(1)] long l; [case(1)] long m; } U; [opnum(0)] void F(void);',
                     'appears twice')

    def test_refuse_multidimensional(self):
        self.refuses('typedef struct { DWORD a[2][3]; } S; [opnum(0)] void F(void);', 'multi-dimensional')

    def test_refuse_embedded_conformant_struct(self):
        self.refuses('typedef struct { DWORD n; [size_is(n)] DWORD a[]; } C; typedef struct { C c; } S; [opnum(0)] void F(void);',
                     'embedding a conformant struct')

    def test_refuse_bad_uuid_and_version(self):
        with self.assertRaises(IdlError):
            build(parse('[uuid(1234), version(1.0)] interface t { }', 'u.idl'))
        with self.assertRaises(IdlError):
            build(parse('[uuid(12345678-1234-5678-9abc-def012345678), version(x)] interface t { }', 'u.idl'))

    def test_refuse_reserved_with_params(self):
        self.refuses('[opnum(0), reserved] void F([in] DWORD x);', 'takes no parameters')

    def test_refuse_bad_range(self):
        self.refuses('typedef struct { [range(5, 1)] DWORD n; } S; [opnum(0)] void F(void);', 'bad range')

    def test_refuse_length_without_size(self):
        self.refuses('[opnum(0)] long F([in, length_is(n)] DWORD a[], [in] DWORD n);', 'length_is without size_is')

    # --- the real interfaces
    def test_project_idl_files(self):
        idl = os.path.join(sxidl_path.ROOT, 'idl')
        counts = {}
        for name in ('emsmdb', 'asyncemsmdb', 'nspi', 'rfr'):
            m = load(os.path.join(idl, name + '.idl'))[0]
            counts[name] = (len(m.functions), sum(f.reserved for f in m.functions))
        self.assertEqual(counts, {'emsmdb': (15, 9), 'asyncemsmdb': (1, 0), 'nspi': (21, 3), 'rfr': (2, 0)})

    def test_project_matches_rpc_operations_tsv(self):
        tsv = os.path.join(sxidl_path.ROOT, '..', 'shared', 'specs', 'rpc-operations.tsv')
        if not os.path.exists(tsv):
            self.skipTest('rpc-operations.tsv not available')
        files = {'EMSMDB': 'emsmdb', 'AsyncEMSMDB': 'asyncemsmdb', 'NSPI': 'nspi', 'RFR': 'rfr'}
        models = {k: load(os.path.join(sxidl_path.ROOT, 'idl', v + '.idl'))[0] for k, v in files.items()}
        for line in open(tsv, encoding='utf-8').read().splitlines()[1:]:
            cols = line.split('\t')
            if cols[0] not in models:
                continue
            m = models[cols[0]]
            uuid, ver = cols[1].split(' v')
            self.assertEqual(m.uuid, uuid)
            major, minor = ver.split('.')
            self.assertEqual(m.version, (int(major), int(minor)))
            f = m.functions[int(cols[2])]
            self.assertEqual(f.reserved, cols[5] == 'yes', f.name)
            if cols[5] == 'no':
                self.assertEqual(f.name, cols[3])


if __name__ == '__main__':
    unittest.main()
