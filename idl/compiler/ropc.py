#!/usr/bin/env python3
"""ropc: compile the ROP descriptions (idl/rops/*.rop, language in docs/rop.md) into C.

Usage: ropc.py ROPS_TSV OUTDIR FILE.rop...   writes OUTDIR/rop_gen.h, rop_gen.c, rop_samples.c
       ropc.py --count ROPS_TSV FILE.rop...  prints how many non-obsolete ROPs are described
Exits 1 with 'file:line: message' on an error in a description.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from outfile import write_if_changed as write  # noqa: E402
from ropc import RopError  # noqa: E402
from ropc.emit_c import Emitter  # noqa: E402
from ropc.model import load, non_obsolete  # noqa: E402
from ropc.samples import emit as emit_samples  # noqa: E402



def coverage(model):
    return f'ROPs described: {len(model.rops)} of {len(non_obsolete(model.tsv))} non-obsolete'


def main(argv):
    count_only = len(argv) > 1 and argv[1] == '--count'
    args = argv[2:] if count_only else argv[1:]
    if len(args) < (1 if count_only else 2):
        sys.stderr.write(__doc__)
        return 2
    tsv, rest = args[0], args[1:]
    outdir, files = (None, rest) if count_only else (rest[0], rest[1:])
    try:
        model = load(files, tsv)
    except RopError as e:
        sys.stderr.write(f'{e}\n')
        return 1
    except OSError as e:
        sys.stderr.write(f'{e.filename}: {e.strerror}\n')
        return 1
    if count_only:
        print(coverage(model))
        return 0
    em = Emitter(model)
    write(os.path.join(outdir, 'rop_gen.h'), em.header())
    write(os.path.join(outdir, 'rop_gen.c'), em.source())
    write(os.path.join(outdir, 'rop_samples.c'), emit_samples(model))
    print(f'ropc: {coverage(model)}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
