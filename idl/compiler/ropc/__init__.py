"""ropc: Sambex's ROP description compiler (lexer -> parser -> checked model -> C emitter).

The language is described in docs/rop.md; the descriptions live in idl/rops/*.rop.
"""


class RopError(Exception):
    """An error in a .rop file, reported as 'file:line: message'."""

    def __init__(self, filename, line, message):
        super().__init__(f'{filename}:{line}: {message}')
        self.filename = filename
        self.line = line
        self.message = message
