#!/usr/bin/env python3
"""Writes the seed corpora of fuzz targets rop_request_buffer and rop_response_buffer from the
golden ROP vectors (testsuite/vectors/rop/rop.tsv): each 'ok' row framed as a ROP buffer of its
own (MS-OXCROPS 2.2.1: RopSize, RopsList, a handle table covering its indexes), a few rows put
together, and the MS-OXCROPS 4.4 buffer. Run from the source root; the output is committed."""
import os
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
VECTORS = os.path.join(ROOT, 'testsuite/vectors/rop/rop.tsv')
CORPUS = os.path.join(ROOT, 'testsuite/fuzz/corpus')
RESPONSE_COLUMNS = '0x3001001F,0x0FFF0102,0x0E080003,0x30080040'	# as the fuzz target's


def frame(rops, handles):
    body = b''.join(rops)
    return struct.pack('<H', 2 + len(body)) + body + b''.join(
        struct.pack('<I', 0x100 + i) for i in range(handles))


def rows():
    with open(VECTORS) as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            name, _src, half, cols, data, expect = line.rstrip('\n').split('\t')
            if expect == 'ok':
                yield name, half, cols, bytes.fromhex(data)


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), 'wb') as f:
        f.write(data)


def main():
    reqs, resps = [], []
    for name, half, cols, data in rows():
        if half == 'request':
            # the server needs no table entry to split; give it the indexes' worth
            handles = max(data[1:4]) + 1 if len(data) > 3 else 1
            write('rop_request_buffer', name, b'\x00' + frame([data], min(handles, 8)))
            reqs.append(data)
        elif cols in ('-', RESPONSE_COLUMNS):
            handles = data[1] + 1 if data[0] not in (0xF9, 0xFF, 0x2A, 0x6E) else 0
            write('rop_response_buffer', name, frame([data], handles))
            resps.append(data)
    write('rop_request_buffer', 'mixed-6', b'\x00' + frame(reqs[:6], 4))
    write('rop_request_buffer', 'public-mode', b'\x01' + frame(reqs[6:9], 4))
    write('rop_request_buffer', 'oxcrops-4.4', b'\x00' + bytes.fromhex(
        '08000100000100016f0000006e000000'))
    handles = max(r[1] for r in resps[:5] if r[0] not in (0xF9, 0xFF, 0x2A, 0x6E)) + 1
    write('rop_response_buffer', 'mixed-5', frame(resps[:5], handles))


if __name__ == '__main__':
    main()
