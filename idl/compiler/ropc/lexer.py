"""Lexer: .rop text to tokens (kind, text, line).

Kinds: 'ident', 'number', 'punct', 'eof'. '#' starts a comment that runs to the end of the line.
"""
from dataclasses import dataclass

from . import RopError

PUNCT2 = ('==', '!=')
PUNCT1 = '{}[]();&,'


@dataclass
class Token:
    kind: str
    text: str
    line: int


def number_value(tok, filename='<rop>'):
    """The integer a 'number' token spells (decimal or 0x hex). Raises RopError."""
    try:
        return int(tok.text, 16) if tok.text.lower().startswith('0x') else int(tok.text, 10)
    except ValueError:
        raise RopError(filename, tok.line, f'bad number {tok.text!r}') from None


def tokenize(text, filename='<rop>'):
    """Returns the tokens of text ending with one 'eof' token. Raises RopError on a stray byte."""
    tokens, i, line, n = [], 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            i += 1
        elif c in ' \t\r':
            i += 1
        elif c == '#':
            while i < n and text[i] != '\n':
                i += 1
        elif c.isalpha() or c == '_':
            j = i
            while j < n and (text[j].isalnum() or text[j] == '_'):
                j += 1
            tokens.append(Token('ident', text[i:j], line))
            i = j
        elif c.isdigit():
            j = i
            while j < n and (text[j].isalnum() or text[j] == '_'):
                j += 1
            tok = Token('number', text[i:j], line)
            number_value(tok, filename)
            tokens.append(tok)
            i = j
        elif text[i:i + 2] in PUNCT2:
            tokens.append(Token('punct', text[i:i + 2], line))
            i += 2
        elif c in PUNCT1:
            tokens.append(Token('punct', c, line))
            i += 1
        else:
            raise RopError(filename, line, f'unexpected character {c!r}')
    tokens.append(Token('eof', '', line))
    return tokens
