"""Lexer of idl/compiler/ropc: tokens, lines, comments, refusals."""
import unittest

import ropc_path  # noqa: F401
from ropc import RopError
from ropc.lexer import number_value, tokenize


class LexerTest(unittest.TestCase):
    def kinds(self, text):
        return [(t.kind, t.text) for t in tokenize(text)]

    def test_tokens(self):
        self.assertEqual(self.kinds('rop RopX 0x01 { u8 A[B]; }'), [
            ('ident', 'rop'), ('ident', 'RopX'), ('number', '0x01'), ('punct', '{'),
            ('ident', 'u8'), ('ident', 'A'), ('punct', '['), ('ident', 'B'), ('punct', ']'),
            ('punct', ';'), ('punct', '}'), ('eof', '')])

    def test_operators(self):
        self.assertEqual(self.kinds('a == 1 != 2 & 3')[1::2],
                         [('punct', '=='), ('punct', '!='), ('punct', '&'), ('eof', '')])

    def test_comments_and_lines(self):
        toks = tokenize('# one\n\n  x # two\ny')
        self.assertEqual([(t.text, t.line) for t in toks], [('x', 3), ('y', 4), ('', 4)])

    def test_numbers(self):
        toks = tokenize('0xFE 13 0x00000478')
        self.assertEqual([number_value(t) for t in toks[:3]], [0xFE, 13, 0x478])

    def test_bad_number(self):
        with self.assertRaises(RopError) as cm:
            tokenize('\n0xZZ', 'a.rop')
        self.assertEqual(str(cm.exception), "a.rop:2: bad number '0xZZ'")

    def test_stray_character(self):
        with self.assertRaises(RopError) as cm:
            tokenize('u8 A;\n\n@', 'b.rop')
        self.assertEqual(str(cm.exception), "b.rop:3: unexpected character '@'")

    def test_single_equals_refused(self):
        with self.assertRaises(RopError):
            tokenize('if A = 1')


if __name__ == '__main__':
    unittest.main()
