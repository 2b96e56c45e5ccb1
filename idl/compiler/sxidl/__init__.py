"""sxidl: Sambex's IDL compiler (lexer -> parser -> typed model -> C emitter on Samba's libndr)."""


class IdlError(Exception):
    """An error in an IDL file, reported as 'file:line: message'."""

    def __init__(self, filename, line, message):
        super().__init__(f'{filename}:{line}: {message}')
        self.filename = filename
        self.line = line
        self.message = message
