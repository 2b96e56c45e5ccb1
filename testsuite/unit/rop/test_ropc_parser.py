"""Parser of idl/compiler/ropc: the grammar of docs/rop.md and its error messages."""
import unittest

import ropc_path  # noqa: F401
from ropc import RopError
from ropc.ast import Field, If, Sized
from ropc.parser import parse

ROP = '''
rop RopA 0x12 {
	request {
		u8 LogonId;
		u16 N;
		u32 Tags[N];
		u8 Guid[16];
		sized u16 Size { restriction R optional; }
	}
	response InputHandleIndex {
		u8 Flags;
		if Flags & 0x01 { u64 Id; } else { u16 Other; }
		proprow Row(columns);
	}
	error 0x478 { u8 X; }
}
'''


class ParserTest(unittest.TestCase):
    def test_rop(self):
        f = parse(ROP, 'a.rop')
        rop = f.rops[0]
        self.assertEqual((rop.name, rop.id, rop.handle), ('RopA', 0x12, 'InputHandleIndex'))
        self.assertEqual([x.name for x in rop.request], ['LogonId', 'N', 'Tags', 'Guid', 'Size'])
        self.assertEqual(rop.request[2].size, 'N')
        self.assertEqual(rop.request[3].size, 16)
        self.assertIsInstance(rop.request[4], Sized)
        self.assertTrue(rop.request[4].body[0].optional)
        cond = rop.response[1]
        self.assertIsInstance(cond, If)
        self.assertEqual((cond.name, cond.op, cond.value), ('Flags', '&', 1))
        self.assertEqual([x.name for x in cond.body], ['Id'])
        self.assertEqual([x.name for x in cond.orelse], ['Other'])
        self.assertEqual(rop.response[2].param, 'columns')
        self.assertEqual([(e.value, e.body[0].name) for e in rop.errors], [(0x478, 'X')])

    def test_fixed_columns(self):
        f = parse('struct S { u32 N; proprow Rows[N](0x67480014, 0x001A001E); }')
        fld = f.structs[0].body[1]
        self.assertEqual((fld.size, fld.columns, fld.param), ('N', [0x67480014, 0x001A001E], None))
        with self.assertRaises(RopError):
            parse('struct S { proprow R(0x1,); }')

    def test_server_sent(self):
        text = 'rop RopPending 0x6E { request none; response bare { u16 SessionIndex; } }'
        rop = parse(text).rops[0]
        self.assertEqual((rop.has_request, rop.bare, rop.has_response, rop.handle),
                         (False, True, True, None))
        self.assertEqual(rop.response[0].name, 'SessionIndex')

    def test_no_response(self):
        rop = parse('rop RopRelease 0x01 { request { u8 A; } response none; }').rops[0]
        self.assertIsNone(rop.handle)

    def test_struct(self):
        f = parse('struct S { u8 Kind; if Kind == 1 { u32 L; } }')
        self.assertEqual(f.structs[0].name, 'S')
        self.assertIsInstance(f.structs[0].body[1].body[0], Field)

    def assert_error(self, text, line, words):
        with self.assertRaises(RopError) as cm:
            parse(text, 'x.rop')
        self.assertEqual(cm.exception.line, line)
        self.assertIn(words, cm.exception.message)
        self.assertTrue(str(cm.exception).startswith(f'x.rop:{line}: '))

    def test_errors(self):
        self.assert_error('foo', 1, "expected 'rop' or 'struct'")
        self.assert_error('rop RopA {', 1, 'expected a ROP id')
        self.assert_error('rop RopA 1 {\n request {\n u8 A\n }', 4, "expected ';'")
        self.assert_error('rop RopA 1 { request { u8 A; }\n\n', 3, "expected 'response'")
        self.assert_error('struct S {\n u8 A;\n', 3, "expected '}'")
        self.assert_error('struct S { u8 A[; }', 1, 'expected a count field')
        self.assert_error('struct S { 5 A; }', 1, 'expected a field')


if __name__ == '__main__':
    unittest.main()
