"""Emitter and samples of idl/compiler/ropc: generated C shape, sample bytes, the driver."""
import os
import subprocess
import sys
import tempfile
import unittest

import ropc_path  # noqa: F401
from ropc.emit_c import Emitter
from ropc.model import Model, load_tsv
from ropc.parser import parse
from ropc.samples import samples

TSV = os.path.join(ropc_path.ROPS, 'rops.tsv')
DRIVER = os.path.join(ropc_path.COMPILER, 'ropc.py')

TEXT = '''
rop RopCreateMessage 0x06 {
	request { u8 LogonId; u8 InputHandleIndex; u8 OutputHandleIndex; u16 CodePageId;
		  u64 FolderId; bool AssociatedFlag; }
	response OutputHandleIndex {
		bool HasMessageId;
		if HasMessageId { u64 MessageId; }
	}
}
rop RopDeleteFolder 0x1D {
	request { u8 LogonId; u8 InputHandleIndex; u8 DeleteFolderFlags; u64 FolderId; }
	response InputHandleIndex always { bool PartialCompletion; }
}
rop RopSetProperties 0x0A {
	request { u8 LogonId; u8 InputHandleIndex;
		  sized u16 PropertyValueSize { u16 N; tagged PropertyValues[N]; } }
	response InputHandleIndex { problems PropertyProblems; }
}
'''


def model():
    return Model([parse(TEXT, 't.rop')], load_tsv(TSV))


class EmitTest(unittest.TestCase):
    def test_header(self):
        h = Emitter(model()).header()
        self.assertIn('struct rop_create_message_request {', h)
        self.assertIn('\tuint64_t folder_id;', h)
        self.assertIn('\tbool associated_flag;', h)
        self.assertIn('#define ROP_ID_CREATE_MESSAGE 0x06', h)
        self.assertIn('uint32_t rop_create_message_pull_request(TALLOC_CTX *mem_ctx, '
                      'struct mapi_propval_reader *r,', h)
        self.assertIn('MS-OXCROPS 2.2.6.2', h)
        self.assertIn('#define ROP_NON_OBSOLETE_COUNT 131', h)

    def test_source(self):
        c = Emitter(model()).source()
        self.assertIn('rop_pull_id(r, 0x06)', c)
        self.assertIn('if (resp->has_message_id != 0) {', c)
        self.assertIn('if (resp->return_value == 0) {', c)
        # always: no branch on the ReturnValue
        body = c.split('uint32_t rop_delete_folder_pull_response')[1].split('\n}\n')[0]
        self.assertNotIn('return_value ==', body)
        # counts checked against the bytes left before allocating
        self.assertIn('if (req->n > mapi_propval_reader_left(sub1) / 4) {', c)
        self.assertIn('mapi_le16_put(w->data + at1', c)
        self.assertIn('{ 0x1D, "RopDeleteFolder"', c)
        # untaken branches read as zero: every pull clears its output first
        self.assertEqual(c.count('\tmemset(req, 0, sizeof(*req));'), 3)
        self.assertEqual(c.count('\tmemset(resp, 0, sizeof(*resp));'), 3)
        self.assertNotIn('\n    ', c)		# tabs, not spaces

    def test_fixed_columns(self):
        text = ('rop RopGetReceiveFolderTable 0x68 { request { u8 LogonId; u8 InputHandleIndex; }\n'
                ' response InputHandleIndex { u32 RowCount;\n'
                ' proprow Rows[RowCount](0x67480014, 0x001A001E, 0x30080040); } }')
        m = Model([parse(text, 'f.rop')], load_tsv(TSV))
        c = Emitter(m).source()
        self.assertIn('static uint32_t columns_rop_get_receive_folder_table_rows_tags[] = '
                      '{ 0x67480014, 0x001A001E, 0x30080040 };', c)
        self.assertIn('rop_pull_row(mem_ctx, r, &columns_rop_get_receive_folder_table_rows, '
                      '&resp->rows[i])', c)
        got = {label: data.hex() for _, label, _, data in samples(m)}
        self.assertEqual(got['RopGetReceiveFolderTable response full'],
                         '680100000000' + '02000000' +
                         ('00' + '07' + '00' * 7 + '6100' + '09' + '00' * 7) * 2)

    def test_samples(self):
        got = {label: data.hex() for _, label, _, data in samples(model())}
        self.assertEqual(got['RopCreateMessage response full'], '060100000000010100000000000000')
        self.assertEqual(got['RopCreateMessage response lean'], '06010000000000')
        self.assertEqual(got['RopCreateMessage response failure'], '060105400080')
        self.assertEqual(got['RopDeleteFolder response failure'], '1d010540008001')
        self.assertEqual(got['RopSetProperties request full'],
                         '0a0102' + '1200' + '0200' + '0300010005000000' * 2)
        self.assertEqual(got['RopSetProperties request lean'], '0a010202000000')

    def test_alternative_branches(self):
        text = ('struct PropertyName { u8 Kind; u8 Guid[16]; if Kind == 0x00 { u32 LID; }\n'
                ' if Kind == 0x01 { u8 NameSize; u8 Name[NameSize]; } }\n'
                'rop RopGetPropertyIdsFromNames 0x56 { request { u8 LogonId; u8 InputHandleIndex;\n'
                ' u8 Flags; u16 N; PropertyName Names[N]; } response InputHandleIndex { } }')
        got = {label: data for _, label, _, data in samples(Model([parse(text, 'p.rop')],
                                                                  load_tsv(TSV)))}
        lid = got["RopGetPropertyIdsFromNames request with {'Kind': 0}"]
        self.assertEqual(lid[6], 0x00)			# Kind of the first name
        self.assertEqual(len(lid), 6 + 2 * (1 + 16 + 4))
        self.assertEqual(got['RopGetPropertyIdsFromNames request full'][6], 0x01)

    def test_server_sent_and_return_value(self):
        text = ('rop RopPending 0x6E { request none; response bare { u16 SessionIndex; } }\n'
                'rop RopFastTransferSourceGetBuffer 0x4E { request { u8 LogonId; u8 H; }\n'
                ' response InputHandleIndex always { u16 N;\n'
                ' if ReturnValue != 0x480 { u8 B[N]; } else { u32 BackoffTime; } } }')
        m = Model([parse(text, 's.rop')], load_tsv(TSV))
        em = Emitter(m)
        h, c = em.header(), em.source()
        self.assertNotIn('rop_pending_request', h)
        self.assertIn('struct rop_pending_response {\n\tuint16_t session_index;\n};', h)
        self.assertIn('{ 0x6E, "RopPending", 0, NULL,\n\t  NULL, '
                      'sizeof(struct rop_pending_response)', c)
        self.assertIn('if (resp->return_value != 0x480) {', c)
        got = {label: data.hex() for _, label, _, data in samples(m)}
        self.assertEqual(got['RopPending response full'], '6e0100')
        self.assertEqual(got['RopFastTransferSourceGetBuffer response ReturnValue 0x00000480'],
                         '4e0180040000' + '0200' + '01000000')
        self.assertEqual(got['RopFastTransferSourceGetBuffer response full'],
                         '4e0100000000' + '0200' + '0102')
        self.assertNotIn('RopPending request full', got)

    def test_context_field(self):
        text = ('rop RopSetMessageReadFlag 0x11 { request { u8 LogonId; context bool Pub;\n'
                ' if Pub { u64 X; } } response none; }')
        m = Model([parse(text, 'c.rop')], load_tsv(TSV))
        c = Emitter(m).source()
        self.assertIn('\tbool saved_pub = req->pub;\n\tmemset(req, 0, sizeof(*req));\n'
                      '\treq->pub = saved_pub;', c)
        self.assertIn('context: the caller sets it before a pull', Emitter(m).header())
        got = {label: data.hex() for _, label, _, data in samples(m)}
        self.assertEqual(got, {'RopSetMessageReadFlag request full': '1101'})

    def test_response_id(self):
        text = ('rop RopGetMessageStatus 0x1F { request { u8 LogonId; u8 H; u64 MessageId; }\n'
                ' response InputHandleIndex id 0x20 { u32 MessageStatusFlags; } }')
        m = Model([parse(text, 'i.rop')], load_tsv(TSV))
        c = Emitter(m).source()
        self.assertIn('rop_pull_id(r, 0x1F)', c)
        self.assertIn('rop_pull_id(r, 0x20)', c)
        self.assertIn('rop_push_response_head(w, 0x20, resp->input_handle_index', c)
        got = {label: data.hex() for _, label, _, data in samples(m)}
        self.assertEqual(got['RopGetMessageStatus response failure'], '200105400080')
        self.assertTrue(got['RopGetMessageStatus request full'].startswith('1f'))

    def test_driver(self):
        with tempfile.TemporaryDirectory() as d:
            rop = os.path.join(d, 'a.rop')
            with open(rop, 'w') as fh:
                fh.write(TEXT)
            p = subprocess.run([sys.executable, DRIVER, TSV, d, rop], capture_output=True,
                               text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn('ROPs described: 3 of 131 non-obsolete', p.stdout)
            self.assertEqual(sorted(os.listdir(d)),
                             ['a.rop', 'rop_gen.c', 'rop_gen.h', 'rop_samples.c'])
            with open(rop, 'a') as fh:
                fh.write('\nrop RopX 1 {')
            p = subprocess.run([sys.executable, DRIVER, '--count', TSV, rop],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 1)
            self.assertRegex(p.stderr, r'a\.rop:\d+: ')


if __name__ == '__main__':
    unittest.main()
