"""C for decoding (pull) one body of fields from a struct mapi_propval_reader."""
from .ast import Field, If, Sized
from .model import COMPOUNDS, SCALARS, elem_min, snake

RPC_FORMAT = 'ecRpcFormat'
PTYP = {'asciiz': '0x001E', 'utf16z': '0x001F'}
WIRE_PULL = {'proptags': 'mapi_proprow_pull_tags', 'problems': 'mapi_proprow_pull_problems',
             'sortorders': 'mapi_sortorder_pull_set', 'tagged': 'mapi_propval_pull_tagged',
             'typedstring': 'mapi_propval_pull_typed_string'}


def columns_name(owner, f):
    """The static column set emitted for a proprow with fixed columns."""
    return f'columns_{snake(owner)}_{snake(f.name)}'


def columns_expr(f):
    return f'&{f.columns_c}' if f.columns is not None else f.param


def cond_expr(it, s):
    lhs = f'{s}{snake(it.name)}'
    if it.op == '&':
        return f'({lhs} & 0x{it.value:X}) != 0'
    if it.op in ('==', '!='):
        return f'{lhs} {it.op} 0x{it.value:X}'
    return f'{lhs} != 0'


class PullEmitter:
    def __init__(self, structs):
        self.structs = structs
        self.nsub = 0

    def body(self, items, s, r, ind):
        self.scope = s
        out = []
        for it in items:
            if isinstance(it, If):
                out.append(f'{ind}if ({cond_expr(it, s)}) {{')
                out += self.body(it.body, s, r, ind + '\t')
                if it.orelse:
                    out.append(f'{ind}}} else {{')
                    out += self.body(it.orelse, s, r, ind + '\t')
                out.append(f'{ind}}}')
            elif isinstance(it, Sized):
                out += self.sized(it, s, r, ind)
            else:
                out += self.field(it, s, r, ind)
        return out

    def sized(self, it, s, r, ind):
        self.nsub += 1
        sub = f'sub{self.nsub}'
        m = f'{s}{snake(it.name)}'
        out = [f'{ind}st = mapi_propval_pull_{it.type}({r}, &{m});', f'{ind}if (st != 0) {{',
               f'{ind}\treturn st;', f'{ind}}}',
               f'{ind}if ({m} > mapi_propval_reader_left({r})) {{',
               f'{ind}\treturn {RPC_FORMAT};', f'{ind}}}', f'{ind}{{',
               f'{ind}\tstruct mapi_propval_reader {sub}_r = *{r};',
               f'{ind}\tstruct mapi_propval_reader *{sub} = &{sub}_r;', '',
               f'{ind}\t{sub}->len = {r}->off + {m};']
        out += self.body(it.body, s, sub, ind + '\t')
        out += [f'{ind}\tif ({sub}->off != {sub}->len) {{', f'{ind}\t\treturn {RPC_FORMAT};',
                f'{ind}\t}}', f'{ind}\t{r}->off = {sub}->off;', f'{ind}}}']
        return out

    def field(self, f, s, r, ind):
        if f.context:
            return []		# set by the caller, kept across the clearing memset
        m = f'{s}{snake(f.name)}'
        if f.size is None:
            return self.one(f.type, m, r, ind, f)
        if isinstance(f.size, int):
            n = str(f.size)
            if f.type == 'u8':
                return [f'{ind}st = rop_pull_bytes({r}, {m}, {n});', f'{ind}if (st != 0) {{',
                        f'{ind}\treturn st;', f'{ind}}}']
            return self.loop(f, m, n, r, ind)
        cnt = f'{s}{snake(f.size)}'
        least = elem_min(f.type, self.structs)
        ctype = self.ctype(f.type)
        out = [f'{ind}if ({cnt} > mapi_propval_reader_left({r}) / {least}) {{',
               f'{ind}\treturn {RPC_FORMAT};', f'{ind}}}',
               f'{ind}{m} = NULL;', f'{ind}if ({cnt} > 0) {{',
               f'{ind}\t{m} = talloc_zero_array(mem_ctx, {ctype}, {cnt});',
               f'{ind}\tif ({m} == NULL) {{', f'{ind}\t\treturn MAPI_E_NOT_ENOUGH_MEMORY;',
               f'{ind}\t}}', f'{ind}}}']
        return out + self.loop(f, m, cnt, r, ind)

    def ctype(self, typ):
        if typ in SCALARS:
            return SCALARS[typ][1]
        if typ in COMPOUNDS:
            return COMPOUNDS[typ][1]
        return f'struct rop_{snake(typ)}'

    def loop(self, f, m, n, r, ind):
        out = [f'{ind}for (uint32_t i = 0; i < (uint32_t){n}; i++) {{']
        out += self.one(f.type, f'{m}[i]', r, ind + '\t', f)
        return out + [f'{ind}}}']

    def one(self, typ, m, r, ind, f):
        if typ == 'bool':
            call = f'rop_pull_bool({r}, &{m})'
        elif typ in SCALARS:
            call = f'mapi_propval_pull_{typ}({r}, &{m})'
        elif typ == 'string':
            call = (f'rop_pull_string(mem_ctx, {r}, {self.scope}{snake(f.param)} != 0 '
                    f'? 0x001F : 0x001E, &{m})')
        elif typ in PTYP:
            call = f'rop_pull_string(mem_ctx, {r}, {PTYP[typ]}, &{m})'
        elif typ in WIRE_PULL:
            call = f'{WIRE_PULL[typ]}(mem_ctx, {r}, &{m})'
        elif typ == 'proprow':
            call = f'rop_pull_row(mem_ctx, {r}, {columns_expr(f)}, &{m})'
        elif typ == 'rowset':
            call = f'rop_pull_rowset(mem_ctx, {r}, {f.param}, &{m})'
        elif typ == 'notification':
            call = f'rop_notification_pull(mem_ctx, {r}, {f.param}, &{m})'
        elif typ == 'rest':
            call = f'rop_pull_rest(mem_ctx, {r}, &{m})'
        elif typ == 'restriction':
            call = f'rop_pull_restriction(mem_ctx, {r}, &{m})'
            if f.optional:
                return [f'{ind}{m} = NULL;', f'{ind}if (mapi_propval_reader_left({r}) > 0) {{',
                        f'{ind}\tst = {call};', f'{ind}\tif (st != 0) {{', f'{ind}\t\treturn st;',
                        f'{ind}\t}}', f'{ind}}}']
        else:
            call = f'rop_{snake(typ)}_pull(mem_ctx, {r}, &{m})'
        return [f'{ind}st = {call};', f'{ind}if (st != 0) {{', f'{ind}\treturn st;', f'{ind}}}']
