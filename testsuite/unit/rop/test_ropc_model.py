"""Model of idl/compiler/ropc: checks against rops.tsv and each other, with file:line errors."""
import os
import tempfile
import unittest

import ropc_path  # noqa: F401
from ropc import RopError
from ropc.model import Model, load, load_tsv, non_obsolete, snake
from ropc.parser import parse

TSV = os.path.join(ropc_path.ROPS, 'rops.tsv')


def model(text, name='m.rop'):
    return Model([parse(text, name)], load_tsv(TSV))


def rop(req='u8 LogonId;', resp='', extra='', rid='0x15', name='RopQueryRows'):
    return (f'{extra}\nrop {name} {rid} {{\n request {{ {req} }}\n'
            f' response InputHandleIndex {{ {resp} }}\n}}')


class ModelTest(unittest.TestCase):
    def assert_refused(self, text, line, words):
        with self.assertRaises(RopError) as cm:
            model(text)
        self.assertEqual(cm.exception.line, line, str(cm.exception))
        self.assertIn(words, cm.exception.message)
        self.assertTrue(str(cm.exception).startswith(f'm.rop:{line}: '))

    def test_snake(self):
        self.assertEqual(snake('OutputHandleIndex'), 'output_handle_index')
        self.assertEqual(snake('LID'), 'lid')
        self.assertEqual(snake('AttachmentID'), 'attachment_id')
        self.assertEqual(snake('ReplGuid'), 'repl_guid')
        self.assertEqual(snake('Default'), 'default_')

    def test_good(self):
        m = model(rop('u8 LogonId; u16 N; u64 Ids[N];', 'u8 Origin; rowset R(columns);'))
        r = m.rops[0]
        self.assertEqual((r.name, r.section, r.params), ('RopQueryRows', '2.2.5.4', ['columns']))

    def test_rops_tsv(self):
        self.assert_refused(rop(name='RopNope'), 2, 'not a ROP of rops.tsv')
        self.assert_refused(rop(rid='0x16'), 2, 'not a ROP of rops.tsv')
        self.assert_refused(rop(rid='0x00', name='Reserved'), 2, 'obsolete')
        self.assert_refused(rop() + rop(), 6, 'described twice')

    def test_types_and_names(self):
        self.assert_refused(rop('u8 A;\n u9 B;'), 4, 'unknown type u9')
        self.assert_refused(rop('u8 A;\n u8 A;'), 4, 'A defined twice')
        self.assert_refused(rop('u8 OneTwo;\n u8 One_Two;'), 4, 'defined twice')
        self.assert_refused(rop('proptags T[2];'), 3, 'cannot be an array element')
        self.assert_refused(rop('u8 A[0];'), 3, 'fixed array size')

    def test_counts(self):
        self.assert_refused(rop('u64 Ids[N]; u16 N;'), 3, 'count N: not an earlier')
        self.assert_refused(rop('u64 N; u8 Ids[N];'), 3, 'count N')
        self.assert_refused(rop('u8 K;\n E Es[K];', extra='struct E {\n}'), 5, 'no least size')

    def test_conditions(self):
        self.assert_refused(rop('if Nope { u8 A; }'), 3, 'condition on Nope')
        self.assert_refused(rop('u8 G[2];\n if G { u8 A; }'), 4, 'condition on G')
        m = model(rop('u8 F; if F & 0x1 { u16 A; } else { u16 A; }'))
        self.assertEqual(len(m.rops), 1)
        self.assert_refused(rop('u8 F; if F { u16 A; }\n else { u32 A; }'), 4, 'repeats with')

    def test_params_and_optional(self):
        self.assert_refused(rop('proprow R(columns);'), 3, 'only in responses')
        self.assert_refused(rop(resp='proprow R;'), 4, '(columns)')
        self.assert_refused(rop(resp='proprow R(cols);'), 4, 'called columns')
        self.assert_refused(rop(resp='u32 X(columns);'), 4, '(columns)')
        self.assert_refused(rop('restriction R optional;'), 3, 'optional')
        self.assert_refused(rop('sized u16 S { restriction R optional; u8 X; }'), 3, 'optional')
        self.assert_refused(rop('sized u8 S { u8 X; }'), 3, 'u16 or u32')
        self.assert_refused(rop('string S(Nope);'), 3, 'string takes')

    def test_fixed_columns(self):
        m = model(rop('u32 N;\n proprow Rows[N](0x67480014, 0x30080040);'))
        self.assertEqual(m.rops[0].request[1].columns, [0x67480014, 0x30080040])
        self.assert_refused(rop('u32 N;\n tagged T[N](0x1);'), 4, 'fixed columns')
        self.assert_refused(rop('proprow R(0x100000000);'), 3, 'fixed columns')

    def test_context(self):
        m = model(rop('context bool Pub; if Pub { u64 X; }'))
        self.assertTrue(m.rops[0].request[0].context)
        self.assert_refused(rop('context\n tagged T;'), 3, 'context fields')

    def test_rest(self):
        m = model(rop(resp='u16 S; rest R;'))
        self.assertTrue(m.rops[0].unframed)
        self.assertFalse(model(rop()).rops[0].unframed)
        self.assert_refused(rop(resp='\n rest R; u8 X;'), 5, 'rest: only the last')
        self.assert_refused(rop('\n rest R;'), 4, 'rest: only the last')
        self.assert_refused(rop(resp='u8 F; if F {\n rest R; }'), 5, 'rest: only the last')

    def test_nothing_at_all(self):
        with self.assertRaises(RopError) as cm:
            model('rop RopPending 0x6E { request none; response none; }')
        self.assertIn('a request or a response', cm.exception.message)

    def test_return_value_condition(self):
        m = model(rop(resp='u16 N; if ReturnValue != 0x480 { u8 B[N]; } else { u32 T; }'))
        self.assertEqual(len(m.rops), 1)

    def test_error_shapes(self):
        text = rop(resp='u8 X;').replace('}\n}', '}\n error 0x503 { u32 X; }\n}')
        self.assert_refused(text, 5, 'repeats with')
        self.assert_refused(rop().replace('}\n}', '}\n error 0 { }\n}'), 5, 'error shape for 0')

    def test_real_descriptions(self):
        files = sorted(os.path.join(ropc_path.ROPS, f) for f in os.listdir(ropc_path.ROPS)
                       if f.endswith('.rop'))
        m = load(files, TSV)
        self.assertGreaterEqual(len(m.rops), 33)
        self.assertEqual(len(non_obsolete(m.tsv)), 131)
        names = {r.name for r in m.rops}
        for must in ('RopRelease', 'RopLogon', 'RopGetPropertiesSpecific', 'RopQueryRows',
                     'RopRestrict', 'RopSaveChangesMessage', 'RopGetPropertyIdsFromNames'):
            self.assertIn(must, names)

    def test_missing_file(self):
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(OSError):
                load([os.path.join(d, 'none.rop')], TSV)


if __name__ == '__main__':
    unittest.main()
