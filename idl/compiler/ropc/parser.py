"""Parser: tokens of a .rop file to the syntax tree of ropc.ast.

    file     := ( struct | rop )*
    struct   := 'struct' NAME '{' item* '}'
    rop      := 'rop' NAME NUMBER '{' 'request' ( 'none' ';' | '{' item* '}' ) response '}'
    response := 'response' 'none' ';'
              | 'response' 'bare' '{' item* '}'
              | 'response' NAME [ 'always' ] [ 'id' NUMBER ] '{' item* '}'
                ( 'error' NUMBER '{' item* '}' )*
    item     := 'if' NAME [ ('&' | '==' | '!=') NUMBER ] '{' item* '}' [ 'else' '{' item* '}' ]
              | 'sized' TYPE NAME '{' item* '}'
              | 'context' TYPE NAME ';'
              | TYPE NAME [ '[' (NUMBER | NAME) ']' ]
                [ '(' NAME | NUMBER ( ',' NUMBER )* ')' ] [ 'optional' ] ';'
"""
from . import RopError
from .ast import ErrorShape, Field, File, If, Rop, Sized, Struct
from .lexer import number_value, tokenize


class Parser:
    def __init__(self, text, filename):
        self.filename = filename
        self.toks = tokenize(text, filename)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def error(self, message, tok=None):
        return RopError(self.filename, (tok or self.peek()).line, message)

    def next(self):
        tok = self.toks[self.i]
        if tok.kind != 'eof':
            self.i += 1
        return tok

    def expect(self, text):
        tok = self.next()
        if tok.text != text or tok.kind == 'eof':
            raise self.error(f'expected {text!r}, found {tok.text or "end of file"!r}', tok)
        return tok

    def ident(self, what):
        tok = self.next()
        if tok.kind != 'ident':
            raise self.error(f'expected {what}, found {tok.text or "end of file"!r}', tok)
        return tok.text

    def number(self, what):
        tok = self.next()
        if tok.kind != 'number':
            raise self.error(f'expected {what}, found {tok.text or "end of file"!r}', tok)
        return number_value(tok, self.filename)

    def accept(self, text):
        if self.peek().text == text and self.peek().kind != 'eof':
            self.i += 1
            return True
        return False

    def parse(self):
        structs, rops = [], []
        while self.peek().kind != 'eof':
            tok = self.next()
            if tok.text == 'struct':
                name = self.ident('a struct name')
                structs.append(Struct(tok.line, name, self.block()))
            elif tok.text == 'rop':
                rops.append(self.rop(tok.line))
            else:
                raise self.error(f"expected 'rop' or 'struct', found {tok.text!r}", tok)
        return File(self.filename, structs, rops)

    def rop(self, line):
        name = self.ident('a ROP name')
        rop_id = self.number('a ROP id')
        self.expect('{')
        self.expect('request')
        rop = Rop(line, name, rop_id, '', [], None)
        if self.accept('none'):
            self.expect(';')
            rop.has_request = False
        else:
            rop.request = self.block()
        self.expect('response')
        if self.accept('none'):
            self.expect(';')
        elif self.accept('bare'):
            rop.bare = True
            rop.response = self.block()
        else:
            rop.handle = self.ident('the response handle index field')
            rop.always = self.accept('always')
            if self.accept('id'):
                rop.response_id = self.number('a response RopId')
            rop.response = self.block()
            while self.peek().text == 'error':
                eline = self.next().line
                value = self.number('a ReturnValue')
                rop.errors.append(ErrorShape(eline, value, self.block()))
        self.expect('}')
        return rop

    def block(self):
        self.expect('{')
        items = []
        while not self.accept('}'):
            if self.peek().kind == 'eof':
                raise self.error("expected '}', found end of file")
            items.append(self.item())
        return items

    def item(self):
        tok = self.next()
        if tok.kind != 'ident':
            raise self.error(f'expected a field, found {tok.text or "end of file"!r}', tok)
        if tok.text == 'if':
            name = self.ident('a field name')
            op, value = None, 0
            if self.peek().text in ('&', '==', '!='):
                op = self.next().text
                value = self.number('a number')
            node = If(tok.line, name, op, value, self.block())
            if self.accept('else'):
                node.orelse = self.block()
            return node
        if tok.text == 'context':
            typ = self.ident('a type')
            fld = Field(tok.line, typ, self.ident('a field name'), context=True)
            self.expect(';')
            return fld
        if tok.text == 'sized':
            typ = self.ident('u16 or u32')
            name = self.ident('a field name')
            return Sized(tok.line, typ, name, self.block())
        fld = Field(tok.line, tok.text, self.ident('a field name'))
        if self.accept('['):
            nxt = self.peek()
            if nxt.kind == 'number':
                fld.size = self.number('a size')
            else:
                fld.size = self.ident('a count field')
            self.expect(']')
        if self.accept('('):
            if self.peek().kind == 'number':
                fld.columns = [self.number('a property tag')]
                while self.accept(','):
                    fld.columns.append(self.number('a property tag'))
            else:
                fld.param = self.ident('a parameter name')
            self.expect(')')
        fld.optional = self.accept('optional')
        self.expect(';')
        return fld


def parse(text, filename='<rop>'):
    """Parses one .rop file's text. Raises RopError('file:line: message')."""
    return Parser(text, filename).parse()
