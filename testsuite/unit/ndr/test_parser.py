"""Parser of idl/compiler: the syntax tree for each construct, and file:line errors."""
import unittest

import sxidl_path  # noqa: F401
from sxidl import IdlError, ast
from sxidl.parser import parse

HEAD = '[uuid(12345678-1234-5678-9abc-def012345678), version(1.2)] interface t {'


def iface(body):
    return parse(HEAD + body + '}', 't.idl').interfaces[0]


class ParserTest(unittest.TestCase):
    def test_interface_attributes(self):
        i = iface('')
        self.assertEqual(i.name, 't')
        self.assertEqual([(a.name, a.raw) for a in i.attrs],
                         [('uuid', '12345678-1234-5678-9abc-def012345678'), ('version', '1.2')])

    def test_struct_fields(self):
        td = iface('typedef struct { [range(0, 5)] DWORD n; [size_is(n + 1), length_is(n)] DWORD a[]; } S;').typedefs[0]
        self.assertEqual(td.decl.name, 'S')
        f0, f1 = td.decl.spec.fields
        self.assertEqual((f0.name, f0.spec.words, f0.attrs[0].name), ('n', ['DWORD'], 'range'))
        self.assertEqual(f0.attrs[0].args, [ast.Num(0), ast.Num(5)])
        self.assertEqual(f1.dims, [None])
        self.assertEqual(f1.attrs[0].args[0], ast.Binary('+', ast.Ident('n'), ast.Num(1)))

    def test_multiword_types_and_pointers(self):
        td = iface('typedef struct { unsigned short int b; unsigned char **pp; } S;').typedefs[0]
        b, pp = td.decl.spec.fields
        self.assertEqual(b.spec.words, ['unsigned', 'short', 'int'])
        self.assertEqual((pp.spec.words, pp.ptrs), (['unsigned', 'char'], 2))

    def test_union_arms(self):
        td = iface('typedef [switch_type(long)] union { [case(1, 0xD)] long l; [case(2)] [string] char *s; [default] ; } U;').typedefs[0]
        arms = td.decl.spec.arms
        self.assertEqual(arms[0].attrs[0].args, [ast.Num(1), ast.Num(13)])
        self.assertEqual([a.name for a in arms[1].attrs], ['case', 'string'])
        self.assertIsNone(arms[2].decl)

    def test_cast_expression(self):
        f = iface('long F([in, switch_is((long)(a & 0xFFFF))] U u);').functions[0]
        e = f.params[0].attrs[1].args[0]
        self.assertEqual(e, ast.Cast(['long'], ast.Binary('&', ast.Ident('a'), ast.Num(0xffff))))

    def test_parenthesised_is_not_cast(self):
        f = iface('long F([in, size_is((n) + 1)] DWORD a[]);').functions[0]
        self.assertEqual(f.params[0].attrs[1].args[0], ast.Binary('+', ast.Ident('n'), ast.Num(1)))

    def test_precedence(self):
        f = iface('long F([in, size_is(a + b * 2 & 3)] DWORD x[]);').functions[0]
        e = f.params[0].attrs[1].args[0]
        self.assertEqual(e.op, '&')
        self.assertEqual(e.left, ast.Binary('+', ast.Ident('a'), ast.Binary('*', ast.Ident('b'), ast.Num(2))))

    def test_deref_in_size(self):
        f = iface('long F([out, size_is(*pcb)] BYTE x[], [in, out] DWORD *pcb);').functions[0]
        self.assertEqual(f.params[0].attrs[1].args[0], ast.Unary('*', ast.Ident('pcb')))

    def test_void_function(self):
        f = iface('[opnum(3), reserved] void Nothing(void);').functions[0]
        self.assertEqual((f.name, f.params, f.ret.words), ('Nothing', [], ['void']))

    def test_enum_and_bitmap(self):
        tds = iface('typedef [v1_enum] enum { A = 1, B, C = 0x10 } E; typedef bitmap { F1 = 1 } M;').typedefs
        self.assertEqual([v[0] for v in tds[0].decl.spec.values], ['A', 'B', 'C'])
        self.assertEqual(tds[1].decl.spec.kind, 'bitmap')

    def test_import_skipped(self):
        f = parse('import "x.idl";\n' + HEAD + '}', 't.idl')
        self.assertEqual(len(f.interfaces), 1)

    def test_errors_have_lines(self):
        with self.assertRaises(IdlError) as cm:
            parse(HEAD + '\n\ntypedef struct { DWORD x } S;}', 'e.idl')
        self.assertEqual(cm.exception.line, 3)
        self.assertIn("expected ';'", str(cm.exception))

    def test_unterminated_interface(self):
        with self.assertRaises(IdlError) as cm:
            parse(HEAD + 'typedef struct { DWORD x; } S;', 'e.idl')
        self.assertIn('unterminated interface', str(cm.exception))

    def test_missing_expression(self):
        with self.assertRaises(IdlError) as cm:
            parse(HEAD + 'long F([in, size_is(n +)] DWORD x[]);}', 'e.idl')
        self.assertIn('e.idl:1:', str(cm.exception))


if __name__ == '__main__':
    unittest.main()
