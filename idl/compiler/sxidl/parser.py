"""Parser: tokens to the syntax tree in ast.py (recursive descent, one function per rule).

Grammar (see docs/ndr.md for the whole dialect):
  file      := { 'import' STRING ';' | interface }
  interface := attrs 'interface' IDENT '{' { typedef | function } '}' [';']
  typedef   := 'typedef' attrs typespec declarator ';'
  function  := attrs typespec IDENT '(' [ 'void' | param { ',' param } ] ')' ';'
  param, field := attrs typespec declarator
  typespec  := 'struct' '{' { field ';' } '}' | 'union' '{' { attrs [field] ';' } '}'
             | ('enum' | 'bitmap') '{' IDENT ['=' expr] { ',' ... } '}' | word { word }
  declarator := { '*' } IDENT { '[' [expr] ']' }
  attrs     := { '[' attr { ',' attr } ']' },  attr := IDENT [ '(' args ')' ]
"""
from . import IdlError
from . import ast
from .lexer import number_value, tokenize

# Attributes whose argument is kept as raw text rather than parsed as expressions.
RAW_ATTRS = {'uuid', 'version', 'helpstring', 'endpoint', 'authservice', 'fault'}
# Words that may form a multi-word base type name.
TYPE_WORDS = {'unsigned', 'signed', 'long', 'short', 'int', 'char', 'hyper', 'small', 'const'}
BINARY_PRECEDENCE = [('|',), ('^',), ('&',), ('<<', '>>'), ('+', '-'), ('*', '/', '%')]


class Parser:
    def __init__(self, text, filename):
        self.text = text
        self.filename = filename
        self.toks = tokenize(text, filename)
        self.pos = 0

    # -- token helpers
    def peek(self, k=0):
        return self.toks[min(self.pos + k, len(self.toks) - 1)]

    def next(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def error(self, msg, tok=None):
        raise IdlError(self.filename, (tok or self.peek()).line, msg)

    def at(self, text):
        tok = self.peek()
        return tok.kind in ('punct', 'ident') and tok.text == text

    def accept(self, text):
        if self.at(text):
            return self.next()
        return None

    def expect(self, text):
        if not self.at(text):
            tok = self.peek()
            self.error(f"expected '{text}', found '{tok.text or 'end of file'}'")
        return self.next()

    def ident(self, what='identifier'):
        tok = self.peek()
        if tok.kind != 'ident':
            self.error(f"expected {what}, found '{tok.text or 'end of file'}'")
        return self.next()

    # -- file level
    def parse_file(self):
        interfaces = []
        while self.peek().kind != 'eof':
            if self.accept('import'):
                if self.next().kind != 'string':
                    self.error('import needs a string')
                self.expect(';')
                continue
            interfaces.append(self.parse_interface())
        return ast.File(self.filename, interfaces)

    def parse_interface(self):
        attrs = self.parse_attrs()
        tok = self.expect('interface')
        iface = ast.Interface(self.ident('interface name').text, attrs, line=tok.line)
        self.expect('{')
        while not self.accept('}'):
            if self.peek().kind == 'eof':
                self.error('unterminated interface')
            if self.at('typedef'):
                iface.typedefs.append(self.parse_typedef())
            else:
                iface.functions.append(self.parse_function())
        self.accept(';')
        return iface

    def parse_typedef(self):
        tok = self.expect('typedef')
        attrs = self.parse_attrs()
        spec = self.parse_typespec()
        decl = self.parse_declarator([], spec)
        self.expect(';')
        return ast.Typedef(attrs, decl, tok.line)

    def parse_function(self):
        attrs = self.parse_attrs()
        ret = self.parse_typespec()
        if not isinstance(ret, ast.BaseSpec):
            self.error('a function returns a named or base type')
        name = self.ident('function name')
        self.expect('(')
        params = []
        if self.at('void') and self.peek(1).text == ')':
            self.next()
        while not self.accept(')'):
            pattrs = self.parse_attrs()
            spec = self.parse_typespec()
            params.append(self.parse_declarator(pattrs, spec))
            if not self.at(')'):
                self.expect(',')
        self.expect(';')
        return ast.Function(attrs, ret, name.text, params, name.line)

    # -- attributes
    def parse_attrs(self):
        attrs = []
        while self.accept('['):
            while True:
                attrs.append(self.parse_attr())
                if self.accept(']'):
                    break
                self.expect(',')
        return attrs

    def parse_attr(self):
        name = self.ident('attribute name')
        if not self.at('('):
            return ast.Attr(name.text, [], '', name.line)
        open_tok = self.next()
        if name.text in RAW_ATTRS:
            depth = 1
            while depth:
                tok = self.next()
                if tok.kind == 'eof':
                    self.error('unterminated attribute', name)
                if tok.text == '(' and tok.kind == 'punct':
                    depth += 1
                elif tok.text == ')' and tok.kind == 'punct':
                    depth -= 1
            raw = self.text[open_tok.offset + 1:tok.offset].strip()
            return ast.Attr(name.text, [], raw, name.line)
        args = []
        while not self.accept(')'):
            args.append(self.parse_expr())
            if not self.at(')'):
                self.expect(',')
        return ast.Attr(name.text, args, '', name.line)

    # -- types and declarators
    def parse_typespec(self):
        tok = self.peek()
        if self.accept('struct'):
            self.accept_tag()
            self.expect('{')
            fields = []
            while not self.accept('}'):
                fattrs = self.parse_attrs()
                fspec = self.parse_typespec()
                fields.append(self.parse_declarator(fattrs, fspec))
                self.expect(';')
            return ast.StructSpec(fields, tok.line)
        if self.accept('union'):
            self.accept_tag()
            self.expect('{')
            arms = []
            while not self.accept('}'):
                line = self.peek().line
                aattrs = self.parse_attrs()
                decl = None
                if not self.at(';'):
                    fattrs = self.parse_attrs()
                    fspec = self.parse_typespec()
                    decl = self.parse_declarator(fattrs, fspec)
                self.expect(';')
                arms.append(ast.Arm(aattrs, decl, line))
            return ast.UnionSpec(arms, tok.line)
        if self.at('enum') or self.at('bitmap'):
            kind = self.next().text
            self.accept_tag()
            self.expect('{')
            values = []
            while not self.accept('}'):
                vname = self.ident('enumerator')
                value = self.parse_expr() if self.accept('=') else None
                values.append((vname.text, value, vname.line))
                if not self.at('}'):
                    self.expect(',')
            return ast.EnumSpec(kind, values, tok.line)
        words = [self.ident('type name').text]
        while words[-1] in TYPE_WORDS and self.peek().kind == 'ident' \
                and self.peek().text in TYPE_WORDS:
            words.append(self.next().text)
        return ast.BaseSpec([w for w in words if w != 'const'] or ['const'], tok.line)

    def accept_tag(self):
        """Skips an optional C tag (struct _Foo {...}); our typedef names are what count."""
        if self.peek().kind == 'ident' and self.peek(1).text == '{':
            self.next()

    def parse_declarator(self, attrs, spec):
        ptrs = 0
        while self.accept('*'):
            ptrs += 1
        name = self.ident('declarator name')
        dims = []
        while self.accept('['):
            dims.append(None if self.at(']') else self.parse_expr())
            self.expect(']')
        return ast.Decl(attrs, spec, ptrs, name.text, dims, name.line)

    # -- expressions
    def parse_expr(self, level=0):
        if level == len(BINARY_PRECEDENCE):
            return self.parse_unary()
        left = self.parse_expr(level + 1)
        while self.peek().kind == 'punct' and self.peek().text in BINARY_PRECEDENCE[level]:
            op = self.next().text
            left = ast.Binary(op, left, self.parse_expr(level + 1))
        return left

    def parse_unary(self):
        tok = self.peek()
        if tok.kind == 'punct' and tok.text in ('*', '-', '~', '!'):
            self.next()
            return ast.Unary(tok.text, self.parse_unary())
        if tok.kind == 'punct' and tok.text == '(':
            # A cast is '(' type-words ')' followed by an operand.
            k = 1
            words = []
            while self.peek(k).kind == 'ident':
                words.append(self.peek(k).text)
                k += 1
            if words and self.peek(k).text == ')' and self.is_cast_target(k + 1):
                self.pos += k + 1
                return ast.Cast(words, self.parse_unary())
            self.next()
            inner = self.parse_expr()
            self.expect(')')
            return inner
        if tok.kind == 'number':
            self.next()
            return ast.Num(number_value(tok, self.filename))
        if tok.kind == 'ident':
            self.next()
            return ast.Ident(tok.text)
        self.error(f"expected an expression, found '{tok.text or 'end of file'}'")

    def is_cast_target(self, k):
        tok = self.peek(k)
        return tok.kind in ('ident', 'number') or (tok.kind == 'punct' and tok.text in '(~-')


def parse(text, filename='<idl>'):
    """Parses IDL text into an ast.File. Raises IdlError with file:line on a syntax error."""
    return Parser(text, filename).parse_file()
