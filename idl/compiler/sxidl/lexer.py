"""Lexer: IDL text to a list of tokens (kind, text, line, offset).

Kinds: 'ident', 'number', 'string', 'punct', 'eof'. Comments (// and /* */) and whitespace are
dropped; '#' lines (preprocessor) are refused, since nothing here runs cpp.
"""
from dataclasses import dataclass

from . import IdlError

PUNCT2 = ('<<', '>>')
PUNCT1 = '[](){},;*=+-/&|^~<>:.!%'


@dataclass
class Token:
    kind: str
    text: str
    line: int
    offset: int

    def __repr__(self):
        return f'{self.kind}:{self.text!r}@{self.line}'


def tokenize(text, filename='<idl>'):
    """Returns the tokens of text, ending with one 'eof' token. Raises IdlError on bad input."""
    tokens = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith('//', i):
            while i < n and text[i] != '\n':
                i += 1
        elif text.startswith('/*', i):
            end = text.find('*/', i + 2)
            if end < 0:
                raise IdlError(filename, line, 'unterminated comment')
            line += text.count('\n', i, end)
            i = end + 2
        elif c == '#':
            raise IdlError(filename, line, 'preprocessor lines are not supported')
        elif c.isalpha() or c == '_':
            j = i
            while j < n and (text[j].isalnum() or text[j] == '_'):
                j += 1
            tokens.append(Token('ident', text[i:j], line, i))
            i = j
        elif c.isdigit():
            j = i
            while j < n and (text[j].isalnum() or text[j] == '_'):
                j += 1
            word = text[i:j]
            tokens.append(Token('number', word, line, i))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                if text[j] == '\n':
                    raise IdlError(filename, line, 'newline in string literal')
                j += 1
            if j >= n:
                raise IdlError(filename, line, 'unterminated string literal')
            tokens.append(Token('string', text[i + 1:j], line, i))
            i = j + 1
        elif text[i:i + 2] in PUNCT2:
            tokens.append(Token('punct', text[i:i + 2], line, i))
            i += 2
        elif c in PUNCT1:
            tokens.append(Token('punct', c, line, i))
            i += 1
        else:
            raise IdlError(filename, line, f'unexpected character {c!r}')
    tokens.append(Token('eof', '', line, n))
    return tokens


def number_value(tok, filename='<idl>'):
    """The integer value of a 'number' token (decimal, 0x hex, 0 octal not accepted)."""
    t = tok.text.rstrip('uUlL')
    try:
        if t.lower().startswith('0x'):
            return int(t[2:], 16)
        if len(t) > 1 and t.startswith('0'):
            raise ValueError
        return int(t, 10)
    except ValueError:
        raise IdlError(filename, tok.line, f'bad number {tok.text!r}') from None
