"""Lexer of idl/compiler: tokens, lines, comments, refusals."""
import unittest

import sxidl_path  # noqa: F401
from sxidl import IdlError
from sxidl.lexer import number_value, tokenize


class LexerTest(unittest.TestCase):
    def kinds(self, text):
        return [(t.kind, t.text) for t in tokenize(text)]

    def test_tokens(self):
        self.assertEqual(self.kinds('typedef struct { DWORD x; } X;'), [
            ('ident', 'typedef'), ('ident', 'struct'), ('punct', '{'), ('ident', 'DWORD'),
            ('ident', 'x'), ('punct', ';'), ('punct', '}'), ('ident', 'X'), ('punct', ';'),
            ('eof', '')])

    def test_two_char_operators(self):
        self.assertEqual(self.kinds('a<<1>>b')[1:4], [('punct', '<<'), ('number', '1'), ('punct', '>>')])

    def test_comments_and_lines(self):
        toks = tokenize('// one\n/* two\nthree */ x\n  y')
        self.assertEqual([(t.text, t.line) for t in toks[:2]], [('x', 3), ('y', 4)])

    def test_string(self):
        toks = tokenize('import "ms-rpce.idl";')
        self.assertEqual((toks[1].kind, toks[1].text), ('string', 'ms-rpce.idl'))

    def test_numbers(self):
        toks = tokenize('0x0000FFFF 100001 0x40000UL')
        self.assertEqual([number_value(t) for t in toks[:3]], [0xffff, 100001, 0x40000])

    def test_bad_number(self):
        with self.assertRaises(IdlError):
            number_value(tokenize('0x')[0])
        with self.assertRaises(IdlError):
            number_value(tokenize('012')[0])

    def test_unterminated_comment(self):
        with self.assertRaises(IdlError) as cm:
            tokenize('x\n/* never closed', 'f.idl')
        self.assertEqual(str(cm.exception), 'f.idl:2: unterminated comment')

    def test_unterminated_string(self):
        with self.assertRaises(IdlError):
            tokenize('"abc')

    def test_preprocessor_refused(self):
        with self.assertRaises(IdlError) as cm:
            tokenize('\n#include <x>', 'g.idl')
        self.assertIn('g.idl:2:', str(cm.exception))

    def test_bad_character(self):
        with self.assertRaises(IdlError) as cm:
            tokenize('a @ b', 'h.idl')
        self.assertIn("unexpected character '@'", str(cm.exception))


if __name__ == '__main__':
    unittest.main()
