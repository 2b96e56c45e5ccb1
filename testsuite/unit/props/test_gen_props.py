"""Unit tests of idl/compiler/gen_props.py: input validation (every error names file:line) and the
generated C. Run by testsuite/common/pytap.py (suite 'unit')."""
import contextlib
import io
import os
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'idl', 'compiler'))
import gen_props  # noqa: E402

PROPTYPE_H = os.path.join(ROOT, 'libmapi', 'core', 'mapi_proptype.h')
REAL_PROPS = os.path.join(ROOT, 'idl', 'props.tsv')
REAL_SETS = os.path.join(ROOT, 'idl', 'propsets.tsv')

SETS = ('# test sets\n'
        'PS_PUBLIC_STRINGS\t00020329-0000-0000-C000-000000000046\t1.3.2\n'
        'PSETID_Common\t00062008-0000-0000-C000-000000000046\t1.3.2\n')
GOOD = ('# name kind id set key type alts section source\n'
        'PidTagDisplayName\ttag\t0x3001\t-\t-\tPtypString\tPR_DISPLAY_NAME\t2.676\ttest\n'
        'PidTagEntryId\ttag\t0x0FFF\t-\t-\tPtypBinary\t-\t-\ttest\n'
        'PidTagAddressBookContainerId\ttag\t0xFFFD\t-\t-\tPtypInteger32\t-\t-\ttest\n'
        'PidLidPrivate\tlid\t-\tPSETID_Common\t0x00008506\tPtypBoolean\tdispidPrivate\t-\ttest\n'
        'PidNameKeywords\tname\t-\tPS_PUBLIC_STRINGS\tKeywords\tPtypMultipleString\t-\t-\ttest\n')


class GenPropsCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def write(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        return path

    def load(self, props=GOOD, sets=SETS):
        return gen_props.load(self.write('props.tsv', props), self.write('sets.tsv', sets), PROPTYPE_H)

    def assert_rejected(self, props=GOOD, sets=SETS, where='props.tsv', line=None, words=()):
        with self.assertRaises(gen_props.InputError) as cm:
            self.load(props, sets)
        msg = str(cm.exception)
        self.assertIn(where + ':', msg)
        if line is not None:
            self.assertIn(f'{where}:{line}:', msg)
        for w in words:
            self.assertIn(w, msg)
        return msg


class TestValidInput(GenPropsCase):
    def test_loads_all_kinds(self):
        props, sets = self.load()
        self.assertEqual(len(props), 5)
        self.assertEqual(len(sets), 2)
        by_name = {p['name']: p for p in props}
        self.assertEqual(by_name['PidTagDisplayName']['tag'], 0x3001001F)
        self.assertEqual(by_name['PidTagEntryId']['tag'], 0x0FFF0102)
        self.assertEqual(by_name['PidLidPrivate']['lid'], 0x8506)
        self.assertEqual(by_name['PidLidPrivate']['set'], 1)
        self.assertEqual(by_name['PidNameKeywords']['string'], 'Keywords')
        self.assertEqual(by_name['PidNameKeywords']['type'], 0x101F)

    def test_types_come_from_proptype_header(self):
        types = gen_props.read_proptypes(PROPTYPE_H)
        self.assertEqual(types['PtypString'], ('PT_UNICODE', 0x001F))
        self.assertEqual(types['PtypInteger64'], ('PT_I8', 0x0014))
        self.assertEqual(types['PtypEmbeddedTable'], ('PT_OBJECT', 0x000D))
        self.assertEqual(types['PtypMultipleBinary'], ('PT_MV_BINARY', 0x1102))

    def test_same_id_different_type_allowed(self):
        extra = 'PidTagHtml\ttag\t0x1013\t-\t-\tPtypBinary\t-\t-\tt\nPidTagBodyHtml\ttag\t0x1013\t-\t-\tPtypString\t-\t-\tt\n'
        props, _ = self.load(GOOD + extra)
        self.assertEqual(len(props), 7)

    def test_blank_and_comment_lines_skipped(self):
        props, _ = self.load('\n# c\n\n' + GOOD + '   \n# unconfirmed: PidTagNothing\n')
        self.assertEqual(len(props), 5)

    def test_real_tables_validate(self):
        props, sets = gen_props.load(REAL_PROPS, REAL_SETS, PROPTYPE_H)
        self.assertGreater(len(props), 150)
        names = {p['name'] for p in props}
        for n in ('PidTagDisplayName', 'PidTagEntryId', 'PidTagSubject', 'PidTagFolderId',
                  'PidTagChangeKey', 'PidTagPredecessorChangeList', 'PidTagSourceKey', 'PidTagMid'):
            self.assertIn(n, names)
        self.assertIn('PSETID_Common', {s['name'] for s in sets})


class TestRejected(GenPropsCase):
    def test_wrong_column_count(self):
        self.assert_rejected(GOOD + 'PidTagX\ttag\t0x0001\n', line=7, words=('columns',))

    def test_empty_cell(self):
        self.assert_rejected(GOOD + 'PidTagX\ttag\t0x0001\t-\t-\tPtypBinary\t\t-\tt\n', line=7,
                             words=('empty',))

    def test_stray_space(self):
        self.assert_rejected(GOOD + 'PidTagX \ttag\t0x0001\t-\t-\tPtypBinary\t-\t-\tt\n', line=7)

    def test_duplicate_name(self):
        msg = self.assert_rejected(GOOD + 'PidTagEntryId\ttag\t0x0FF9\t-\t-\tPtypBinary\t-\t-\tt\n',
                                   line=7, words=('duplicate', 'PidTagEntryId'))
        self.assertIn('line 3', msg)

    def test_duplicate_tag(self):
        self.assert_rejected(GOOD + 'PidTagOther\ttag\t0x3001\t-\t-\tPtypString\t-\t-\tt\n', line=7,
                             words=('0x3001001F', 'PidTagDisplayName'))

    def test_duplicate_lid(self):
        self.assert_rejected(GOOD + 'PidLidOther\tlid\t-\tPSETID_Common\t0x8506\tPtypBoolean\t-\t-\tt\n',
                             line=7, words=('PidLidPrivate',))

    def test_duplicate_string_name(self):
        self.assert_rejected(
            GOOD + 'PidNameOther\tname\t-\tPS_PUBLIC_STRINGS\tKeywords\tPtypString\t-\t-\tt\n', line=7)

    def test_unknown_type(self):
        self.assert_rejected(GOOD + 'PidTagX\ttag\t0x0001\t-\t-\tPtypFoo\t-\t-\tt\n', line=7,
                             words=('PtypFoo',))

    def test_pt_name_is_not_a_ptyp_name(self):
        self.assert_rejected(GOOD + 'PidTagX\ttag\t0x0001\t-\t-\tPT_UNICODE\t-\t-\tt\n', line=7)

    def test_bad_kind(self):
        self.assert_rejected(GOOD + 'PidTagX\tprop\t0x0001\t-\t-\tPtypBinary\t-\t-\tt\n', line=7,
                             words=('kind',))

    def test_name_prefix_must_match_kind(self):
        self.assert_rejected(GOOD + 'PidLidX\ttag\t0x0001\t-\t-\tPtypBinary\t-\t-\tt\n', line=7,
                             words=('PidTag',))
        self.assert_rejected(GOOD + 'PidTagX\tlid\t-\tPSETID_Common\t0x1\tPtypBinary\t-\t-\tt\n', line=7)

    def test_bad_identifier(self):
        self.assert_rejected(GOOD + 'PidTag-X\ttag\t0x0001\t-\t-\tPtypBinary\t-\t-\tt\n', line=7)

    def test_bad_hex_id(self):
        for bad in ('3001', '0x301', '0x3001F', '0xZZZZ', '-'):
            self.assert_rejected(GOOD + f'PidTagX\ttag\t{bad}\t-\t-\tPtypBinary\t-\t-\tt\n', line=7)

    def test_reserved_ids(self):
        for bad in ('0x0000', '0xFFFF'):
            self.assert_rejected(GOOD + f'PidTagX\ttag\t{bad}\t-\t-\tPtypBinary\t-\t-\tt\n', line=7,
                                 words=('reserved',))

    def test_named_range_only_for_address_book(self):
        self.assert_rejected(GOOD + 'PidTagX\ttag\t0x8001\t-\t-\tPtypBinary\t-\t-\tt\n', line=7,
                             words=('0x8000',))
        props, _ = self.load(GOOD + 'PidTagAddressBookX\ttag\t0x8001\t-\t-\tPtypBinary\t-\t-\tt\n')
        self.assertEqual(len(props), 6)

    def test_tag_row_with_named_fields(self):
        self.assert_rejected(GOOD + 'PidTagX\ttag\t0x0001\tPS_MAPI\t-\tPtypBinary\t-\t-\tt\n', line=7)

    def test_named_row_with_id(self):
        self.assert_rejected(GOOD + 'PidLidX\tlid\t0x0001\tPSETID_Common\t0x1\tPtypBinary\t-\t-\tt\n',
                             line=7)

    def test_unknown_set(self):
        self.assert_rejected(GOOD + 'PidLidX\tlid\t-\tPSETID_Nope\t0x1\tPtypBinary\t-\t-\tt\n', line=7,
                             words=('PSETID_Nope',))

    def test_bad_lid(self):
        for bad in ('8506', '0x123456789', 'zz'):
            self.assert_rejected(GOOD + f'PidLidX\tlid\t-\tPSETID_Common\t{bad}\tPtypBinary\t-\t-\tt\n',
                                 line=7, words=('LID',))

    def test_bad_section(self):
        self.assert_rejected(GOOD + 'PidTagX\ttag\t0x0001\t-\t-\tPtypBinary\t-\tsec2\tt\n', line=7,
                             words=('section',))

    def test_set_bad_guid(self):
        for bad in ('00062008-0000-0000-C000-00000000046', '{00062008-0000-0000-C000-000000000046}',
                    '00062008000000000C000000000000046', '0006200G-0000-0000-C000-000000000046'):
            self.assert_rejected(sets=SETS + f'PS_MAPI\t{bad}\t1.3.2\n', where='sets.tsv', line=4,
                                 words=('GUID',))

    def test_set_duplicate_name_and_guid(self):
        self.assert_rejected(sets=SETS + 'PSETID_Common\t00062003-0000-0000-C000-000000000046\t1.3.2\n',
                             where='sets.tsv', line=4, words=('duplicate',))
        self.assert_rejected(sets=SETS + 'PS_MAPI\t00062008-0000-0000-c000-000000000046\t1.3.2\n',
                             where='sets.tsv', line=4, words=('PSETID_Common',))

    def test_set_bad_name(self):
        self.assert_rejected(sets=SETS + 'MAPI\t00020328-0000-0000-C000-000000000046\t1.3.2\n',
                             where='sets.tsv', line=4)

    def test_no_sets(self):
        self.assert_rejected(sets='# nothing\n', where='sets.tsv')

    def test_proptype_header_without_types(self):
        path = self.write('empty.h', '/* nothing */\n')
        with self.assertRaises(gen_props.InputError) as cm:
            gen_props.read_proptypes(path)
        self.assertIn('empty.h:1:', str(cm.exception))


class TestOutput(GenPropsCase):
    def run_main(self, *args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = gen_props.main(['gen_props.py', *args])
        return rc, out.getvalue(), err.getvalue()

    def generate(self, props=GOOD):
        p, s = self.write('props.tsv', props), self.write('sets.tsv', SETS)
        h, c = os.path.join(self.dir.name, 'o.h'), os.path.join(self.dir.name, 'o.c')
        rc, _, err = self.run_main(p, s, PROPTYPE_H, h, c)
        self.assertEqual(rc, 0, err)
        with open(h, encoding='utf-8') as fh, open(c, encoding='utf-8') as fc:
            return fh.read(), fc.read()

    def test_header_constants(self):
        h, _ = self.generate()
        self.assertIn('#define PidTagDisplayName 0x3001001FU', h)
        self.assertIn('#define PidTagEntryId 0x0FFF0102U', h)
        self.assertIn('#define PidLidPrivate_LID 0x00008506U', h)
        self.assertIn('#define PidLidPrivate_TYPE 0x000BU', h)
        self.assertIn('#define PidNameKeywords_TYPE 0x101FU', h)
        self.assertIn('MAPI_PROPS_SET_PSETID_Common = 1,', h)
        self.assertIn('MAPI_PROPS_NAMED_PidNameKeywords = 1,', h)
        self.assertIn('#define MAPI_PROPS_TAG_COUNT 3', h)

    def test_source_sorted_by_name_and_tag(self):
        _, c = self.generate()
        names = [line.split('"')[1] for line in c.splitlines()
                 if line.startswith('\t{ "PidTag')]
        self.assertEqual(names, sorted(names))
        by_tag = c.split('mapi_props_tag_table_by_tag')[1].split('};')[0]
        idx = [int(x.strip().rstrip(',')) for x in by_tag.split('{')[1].split('\n') if x.strip()]
        tags = [int(line.split(', ')[1].rstrip('U'), 16) for line in c.splitlines()
                if line.startswith('\t{ "PidTag')]
        self.assertEqual([tags[i] for i in idx], sorted(tags))

    def test_guid_initializer(self):
        self.assertEqual(gen_props.guid_initializer('6ED8DA90-450B-101B-98DA-00AA003F1305'),
                         '{ 0x6ED8DA90, 0x450B, 0x101B, { 0x98, 0xDA }, '
                         '{ 0x00, 0xAA, 0x00, 0x3F, 0x13, 0x05 } }')

    def test_c_string_escapes(self):
        self.assertEqual(gen_props.c_string('a"b\\c'), '"a\\"b\\\\c"')
        self.assertEqual(gen_props.c_string('\u00e9'), '"\\303\\251"')

    def test_count_mode(self):
        p, s = self.write('props.tsv', GOOD), self.write('sets.tsv', SETS)
        rc, out, _ = self.run_main('--count', p, s, PROPTYPE_H)
        self.assertEqual(rc, 0)
        self.assertEqual(out.strip(), '3 tags, 2 named, 2 sets')

    def test_error_exit_and_message(self):
        p = self.write('props.tsv', GOOD + 'PidTagX\ttag\t0x0001\t-\t-\tPtypNope\t-\t-\tt\n')
        s = self.write('sets.tsv', SETS)
        rc, _, err = self.run_main('--count', p, s, PROPTYPE_H)
        self.assertEqual(rc, 1)
        self.assertRegex(err, r'^gen_props: .*props\.tsv:7: unknown data type')

    def test_usage(self):
        rc, _, err = self.run_main('only-one-arg')
        self.assertEqual(rc, 2)
        self.assertIn('Usage', err)

    def test_missing_file(self):
        rc, _, err = self.run_main('--count', '/nonexistent/p.tsv', '/nonexistent/s.tsv', PROPTYPE_H)
        self.assertEqual(rc, 1)
        self.assertIn('gen_props:', err)


if __name__ == '__main__':
    unittest.main()
