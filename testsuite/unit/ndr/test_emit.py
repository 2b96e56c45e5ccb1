"""C emitter of idl/compiler: the shape of what it writes, and that it compiles cleanly."""
import os
import shutil
import subprocess
import tempfile
import unittest

import sxidl_path  # noqa: F401
from sxidl.emit_c import Emitter, Env
from sxidl.model import build
from sxidl.parser import parse
from sxidl import ast

HEAD = ('[uuid(12345678-1234-5678-9abc-def012345678), version(2.3), pointer_default(unique), '
        'endpoint("ncalrpc:"), authservice("host")] interface demo {')

# Every construct the compiler supports, in one interface.
FEATURES = HEAD + '''
    typedef [v1_enum] enum { Red = 1, Green = 2 } Colour;
    typedef enum { Small, Large } Size16;
    typedef [bitmap32bit] bitmap { fOne = 0x1, fTwo = 0x2 } Flags;
    typedef [range(0, 10)] unsigned long Small;
    typedef [context_handle] void *H;
    typedef struct { BYTE b[4]; hyper h; small c; WORD w; } Fixed;
    typedef struct { DWORD n; [size_is(n)] Fixed *items; [unique] Fixed *one; [ptr] long *full; } Items;
    typedef struct { [range(0, 100)] DWORD n; [size_is(n + 1), length_is(n)] DWORD v[]; } Varying;
    typedef [switch_type(short)] union { [case(1)] Colour c; [case(2), string] wchar_t *s; [default] ; } Choice;
    typedef struct { WORD k; [switch_is(k)] Choice u; Flags f; Size16 z; } Holder;
    typedef struct { DWORD n; [size_is(n)] Node *kids; } Node;
    [opnum(0)] long Op([in] handle_t b, [in, out] H *h, [in] Holder *x, [in, unique] Varying *v,
                       [in, string] char *name, [out] Items **items, [in] Small n,
                       [out, size_is(n), length_is(n)] BYTE data[], [in] WORD fixed[2], [in] Node *tree);
    [opnum(1), reserved] void Gap(void);
}
'''


def emitter(text=FEATURES):
    return Emitter(build(parse(text, 'demo.idl'))[0], 'demo.idl')


class EmitTest(unittest.TestCase):
    def test_env_expressions(self):
        env = Env({'n': 'r->n', 'pcb': 'r->out.pcb'})
        e = ast.Cast(['long'], ast.Binary('&', ast.Ident('n'), ast.Num(0xffff)))
        self.assertEqual(env.c(e), '((int32_t)(r->n & 0xffffU))')
        self.assertEqual(env.u32(ast.Unary('*', ast.Ident('pcb'))), '(uint32_t)(*r->out.pcb)')

    def test_header_declares_types_calls_tables(self):
        h = emitter().header()
        for text in ('struct demo_Fixed {', '\tuint8_t b[4];', '\tuint64_t h;',
                     'enum demo_Colour {', 'typedef uint32_t demo_Flags;', '#define fTwo 0x00000002U',
                     'typedef uint32_t demo_Small;', 'union demo_Choice {', '\tconst char *s;',
                     'struct Op {', '\t\tstruct policy_handle *h;', '\t\tuint32_t result;',
                     '#define DEMO_OPNUM_OP 0', '#define DEMO_CALL_COUNT 2',
                     'extern const struct ndr_interface_table sambex_ndr_table_demo;',
                     'NTSTATUS dcerpc_Op_r(struct dcerpc_binding_handle *h, TALLOC_CTX *mem_ctx, struct Op *r);'):
            self.assertIn(text, h)
        self.assertNotIn('dcerpc_Gap_r', h)
        # by-value members are defined before their containers
        self.assertLess(h.index('union demo_Choice {'), h.index('struct demo_Holder {'))

    def test_codec_details(self):
        c = emitter().codec('demo.h')
        self.assertIn('sambex_ndr_depth_enter(ndr)', c)            # Node is recursive
        self.assertIn('sambex_ndr_check_count(ndr, ', c)            # before every allocation
        self.assertIn('sambex_ndr_check_range(ndr, (int64_t)', c)
        self.assertIn('NDR_ERR_BAD_SWITCH', c)
        self.assertIn('.syntax_id = { { 0x12345678, 0x1234, 0x5678, { 0x9a, 0xbc }, '
                      '{ 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78 } }, 2 | (3 << 16) },', c)
        self.assertIn('{ "Gap", true, SAMBEX_NDR_FAULT_OP_RNG_ERROR }', c)
        self.assertNotIn('\n    ', c)                                # tabs, not spaces

    def test_client(self):
        c = emitter().client('demo.h')
        self.assertIn('dcerpc_binding_handle_call(h, NULL, &sambex_ndr_table_demo, DEMO_OPNUM_OP, mem_ctx, r)', c)

    def test_generated_code_compiles(self):
        cc = shutil.which('cc') or shutil.which('gcc')
        pkg = shutil.which('pkg-config')
        if cc is None or pkg is None:
            self.skipTest('no C compiler or pkg-config')
        flags = subprocess.run([pkg, '--cflags', 'ndr', 'dcerpc', 'talloc'], capture_output=True,
                               text=True)
        if flags.returncode != 0:
            self.skipTest('Samba development headers not found')
        em = emitter()
        runtime = os.path.join(sxidl_path.COMPILER, 'runtime')
        with tempfile.TemporaryDirectory() as d:
            for name, text in (('demo.h', em.header()), ('demo_ndr.c', em.codec('demo.h')),
                               ('demo_client.c', em.client('demo.h'))):
                with open(os.path.join(d, name), 'w') as fh:
                    fh.write(text)
            for src in ('demo_ndr.c', 'demo_client.c'):
                r = subprocess.run([cc, '-std=c11', '-fsyntax-only', '-Wall', '-Wextra', '-Werror',
                                    '-Wno-unused-parameter', '-Wshadow', '-Wmissing-prototypes',
                                    '-Wstrict-prototypes', '-I', d, '-I', runtime]
                                   + flags.stdout.split() + [os.path.join(d, src)],
                                   capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, r.stderr[:3000])

    def test_compile_script_reports_file_line(self):
        script = os.path.join(sxidl_path.COMPILER, 'sxidl_compile.py')
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, 'bad.idl')
            with open(bad, 'w') as fh:
                fh.write(HEAD + '\n[opnum(0)] long F([in] Missing m);\n}')
            r = subprocess.run(['python3', script, bad, d], capture_output=True, text=True)
            self.assertEqual(r.returncode, 1)
            self.assertEqual(r.stderr.strip(), f"{bad}:2: unknown type 'Missing'")
            good = os.path.join(d, 'good.idl')
            with open(good, 'w') as fh:
                fh.write(FEATURES)
            r = subprocess.run(['python3', script, good, d], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(os.path.exists(os.path.join(d, 'demo_ndr.c')))


if __name__ == '__main__':
    unittest.main()
