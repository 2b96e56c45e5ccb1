"""Output helper shared by the build-time generators (sxidl_compile.py, ropc.py)."""


def write_if_changed(path, text):
    """Writes text to path only if the content differs, so ninja does not rebuild what did not change."""
    try:
        with open(path, encoding='utf-8') as fh:
            if fh.read() == text:
                return
    except OSError:
        pass
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write(text)
