#!/usr/bin/env python3
"""sxidl_compile: compile one IDL file into C on Samba's libndr.

Usage: sxidl_compile.py IDL OUTDIR
Writes OUTDIR/<iface>.h, OUTDIR/<iface>_ndr.c and OUTDIR/<iface>_client.c for the file's one
interface. Exits 1 with 'file:line: message' on an error in the IDL.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from outfile import write_if_changed as write  # noqa: E402
from sxidl import IdlError  # noqa: E402
from sxidl.emit_c import Emitter  # noqa: E402
from sxidl.model import load  # noqa: E402



def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    idl, outdir = argv[1], argv[2]
    try:
        interfaces = load(idl)
    except IdlError as e:
        sys.stderr.write(f'{e}\n')
        return 1
    except OSError as e:
        sys.stderr.write(f'{idl}: {e.strerror}\n')
        return 1
    if len(interfaces) != 1:
        sys.stderr.write(f'{idl}:1: expected exactly one interface, found {len(interfaces)}\n')
        return 1
    iface = interfaces[0]
    em = Emitter(iface, os.path.basename(idl))
    name = iface.name
    write(os.path.join(outdir, f'{name}.h'), em.header())
    write(os.path.join(outdir, f'{name}_ndr.c'), em.codec(f'{name}.h'))
    write(os.path.join(outdir, f'{name}_client.c'), em.client(f'{name}.h'))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
