"""C for encoding (push) one body of fields onto a struct mapi_propval_writer."""
from .ast import If, Sized
from .emit_pull import PTYP, columns_expr, cond_expr
from .model import SCALARS, snake

WIRE_PUSH = {'proptags': 'mapi_proprow_push_tags', 'problems': 'mapi_proprow_push_problems',
             'sortorders': 'mapi_sortorder_push_set', 'tagged': 'mapi_propval_push_tagged',
             'typedstring': 'mapi_propval_push_typed_string'}


class PushEmitter:
    def __init__(self):
        self.nsub = 0

    def body(self, items, s, ind):
        self.scope = s
        out = []
        for it in items:
            if isinstance(it, If):
                out.append(f'{ind}if ({cond_expr(it, s)}) {{')
                out += self.body(it.body, s, ind + '\t')
                if it.orelse:
                    out.append(f'{ind}}} else {{')
                    out += self.body(it.orelse, s, ind + '\t')
                out.append(f'{ind}}}')
            elif isinstance(it, Sized):
                out += self.sized(it, s, ind)
            else:
                out += self.field(it, s, ind)
        return out

    def sized(self, it, s, ind):
        # The size is what the fields inside take, whatever the struct member says.
        self.nsub += 1
        at = f'at{self.nsub}'
        width = SCALARS[it.type][0]
        out = [f'{ind}{{', f'{ind}\tsize_t {at} = w->len;', '',
               f'{ind}\tst = mapi_propval_push_{it.type}(w, 0);',
               f'{ind}\tif (st != 0) {{', f'{ind}\t\treturn st;', f'{ind}\t}}']
        out += self.body(it.body, s, ind + '\t')
        limit = '0xFFFF' if width == 2 else '0xFFFFFFFF'
        put = 'mapi_le16_put' if width == 2 else 'mapi_le32_put'
        cast = 'uint16_t' if width == 2 else 'uint32_t'
        out += [f'{ind}\tif (w->len - {at} - {width} > {limit}U) {{',
                f'{ind}\t\treturn MAPI_E_INVALID_PARAMETER;', f'{ind}\t}}',
                f'{ind}\t{put}(w->data + {at}, ({cast})(w->len - {at} - {width}));', f'{ind}}}']
        return out

    def field(self, f, s, ind):
        if f.context:
            return []
        m = f'{s}{snake(f.name)}'
        if f.size is None:
            return self.one(f.type, m, ind, f)
        if isinstance(f.size, int):
            if f.type == 'u8':
                return [f'{ind}st = mapi_propval_push_bytes(w, {m}, {f.size});',
                        f'{ind}if (st != 0) {{', f'{ind}\treturn st;', f'{ind}}}']
            n = str(f.size)
            out = []
        else:
            n = f'{s}{snake(f.size)}'
            out = [f'{ind}if ({n} > 0 && {m} == NULL) {{',
                   f'{ind}\treturn MAPI_E_INVALID_PARAMETER;', f'{ind}}}']
        out.append(f'{ind}for (uint32_t i = 0; i < (uint32_t){n}; i++) {{')
        out += self.one(f.type, f'{m}[i]', ind + '\t', f)
        return out + [f'{ind}}}']

    def one(self, typ, m, ind, f):
        if typ == 'bool':
            call = f'mapi_propval_push_u8(w, {m} ? 1 : 0)'
        elif typ in SCALARS:
            call = f'mapi_propval_push_{typ}(w, {m})'
        elif typ == 'string':
            call = (f'rop_push_string(w, {self.scope}{snake(f.param)} != 0 ? 0x001F : 0x001E, '
                    f'{m})')
        elif typ in PTYP:
            call = f'rop_push_string(w, {PTYP[typ]}, {m})'
        elif typ in WIRE_PUSH:
            call = f'{WIRE_PUSH[typ]}(w, &{m})'
        elif typ == 'proprow':
            call = f'rop_push_row(w, {columns_expr(f)}, &{m})'
        elif typ == 'rowset':
            call = f'rop_push_rowset(w, {f.param}, &{m})'
        elif typ == 'notification':
            call = f'rop_notification_push(w, {f.param}, &{m})'
        elif typ == 'rest':
            call = f'rop_push_rest(w, &{m})'
        elif typ == 'restriction':
            call = f'rop_push_restriction(w, {m})'
            if f.optional:
                return [f'{ind}if ({m} != NULL) {{', f'{ind}\tst = {call};',
                        f'{ind}\tif (st != 0) {{', f'{ind}\t\treturn st;', f'{ind}\t}}',
                        f'{ind}}}']
        else:
            call = f'rop_{snake(typ)}_push(w, &{m})'
        return [f'{ind}st = {call};', f'{ind}if (st != 0) {{', f'{ind}\treturn st;', f'{ind}}}']
