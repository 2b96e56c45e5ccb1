#!/usr/bin/env python3
"""Generate the MAPI property tables (MS-OXPROPS) from idl/props.tsv and idl/propsets.tsv.

Usage:
    gen_props.py PROPS_TSV PROPSETS_TSV PROPTYPE_H OUT_H OUT_C   write the generated header and source
    gen_props.py --count PROPS_TSV PROPSETS_TSV PROPTYPE_H       validate, print "N tags, N named, N sets"

PROPTYPE_H is libmapi/core/mapi_proptype.h: the type names (PtypString...) and their PT_ codes are
read from its enum, so the two never disagree. Any bad input row stops the run with "file:line: why"
on standard error and exit status 1. Standard library only.
"""
import re
import sys

PROPS_COLUMNS = ('canonical_name', 'kind', 'property_id', 'property_set', 'lid_or_name',
                 'data_type', 'alternate_names', 'ms_oxprops_section', 'source')
PROPSETS_COLUMNS = ('name', 'guid', 'ms_oxprops_section')

GUID_RE = re.compile(r'^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$')
HEX16_RE = re.compile(r'^0x[0-9A-Fa-f]{4}$')
HEX32_RE = re.compile(r'^0x[0-9A-Fa-f]{1,8}$')
SECTION_RE = re.compile(r'^(-|\d+(\.\d+)*)$')
IDENT_RE = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
PREFIX = {'tag': 'PidTag', 'lid': 'PidLid', 'name': 'PidName'}
# MS-OXPROPS gives address book properties (PidTagAddressBook*) IDs of 0x8000 and above; every
# other tagged property lies in 0x0001-0x7FFF, below the range MS-OXCDATA 2.9 keeps for named ones.
HIGH_ID_PREFIX = 'PidTagAddressBook'


class InputError(Exception):
    """A bad input row: the message already carries "file:line: "."""


def fail(path, line, msg):
    raise InputError(f'{path}:{line}: {msg}')


def read_proptypes(path):
    """Map each Ptyp name in the mapi_proptype enum comments to (PT_ name, code)."""
    types = {}
    pattern = re.compile(r'^\s*(PT_\w+)\s*=\s*(0x[0-9A-Fa-f]+),\s*/\*\s*(.*?)\s*\*/')
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = pattern.match(line)
            if not m:
                continue
            for ptyp in re.findall(r'\bPtyp\w+', m.group(3)):
                types[ptyp] = (m.group(1), int(m.group(2), 16))
    if not types:
        raise InputError(f'{path}:1: no "PT_X = 0xNNNN, /* PtypX */" lines found')
    return types


def read_rows(path, ncols):
    """Yield (line number, fields) for each data row; '#' lines and blank lines are skipped."""
    with open(path, encoding='utf-8') as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            fields = line.split('\t')
            if len(fields) != ncols:
                fail(path, n, f'expected {ncols} tab-separated columns, found {len(fields)}')
            for i, v in enumerate(fields):
                if v != v.strip() or v == '':
                    fail(path, n, f'column {i + 1} is empty or has stray spaces (use "-" for none)')
            yield n, fields


def parse_propsets(path):
    sets, seen_guids = [], {}
    for n, (name, guid, section) in read_rows(path, len(PROPSETS_COLUMNS)):
        if not IDENT_RE.match(name) or not (name.startswith('PS_') or name.startswith('PSETID_')):
            fail(path, n, f'bad property set name {name!r} (PS_... or PSETID_...)')
        if any(s['name'] == name for s in sets):
            fail(path, n, f'duplicate property set {name}')
        if not GUID_RE.match(guid):
            fail(path, n, f'bad GUID {guid!r} (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)')
        if guid.upper() in seen_guids:
            fail(path, n, f'GUID {guid} already used by {seen_guids[guid.upper()]}')
        if not SECTION_RE.match(section):
            fail(path, n, f'bad section {section!r}')
        seen_guids[guid.upper()] = name
        sets.append({'name': name, 'guid': guid.upper(), 'section': section, 'line': n})
    if not sets:
        raise InputError(f'{path}:1: no property sets')
    return sets


def check_name(path, n, name, kind):
    if not IDENT_RE.match(name):
        fail(path, n, f'bad canonical name {name!r}')
    if kind not in PREFIX:
        fail(path, n, f'bad kind {kind!r} (tag, lid or name)')
    if not name.startswith(PREFIX[kind]) or len(name) == len(PREFIX[kind]):
        fail(path, n, f'{kind} property name {name!r} must start with {PREFIX[kind]}')


def check_tag_id(path, n, name, text):
    if not HEX16_RE.match(text):
        fail(path, n, f'bad property ID {text!r} (0xNNNN)')
    pid = int(text, 16)
    if pid == 0x0000 or pid == 0xFFFF:
        fail(path, n, f'property ID {text} is reserved (PidTag IDs lie in 0x0001-0xFFFE)')
    if pid >= 0x8000 and not name.startswith(HIGH_ID_PREFIX):
        fail(path, n, f'property ID {text} is in the named-property range 0x8000-0xFFFE; '
                      f'only {HIGH_ID_PREFIX}* tags may use it')
    return pid


def parse_props(path, sets, types):
    set_index = {s['name']: i for i, s in enumerate(sets)}
    props, names, tags, named_keys = [], {}, {}, {}
    for n, f in read_rows(path, len(PROPS_COLUMNS)):
        name, kind, pid_text, pset, key, dtype, alts, section, source = f
        check_name(path, n, name, kind)
        if name in names:
            fail(path, n, f'duplicate canonical name {name} (first on line {names[name]})')
        if dtype not in types:
            fail(path, n, f'unknown data type {dtype!r} (not a Ptyp name in mapi_proptype.h)')
        if not SECTION_RE.match(section):
            fail(path, n, f'bad MS-OXPROPS section {section!r} (2.NNN or -)')
        ptname, code = types[dtype]
        row = {'name': name, 'kind': kind, 'type': code, 'ptname': ptname, 'dtype': dtype,
               'alts': '' if alts == '-' else alts, 'section': section, 'source': source, 'line': n}
        if kind == 'tag':
            if pset != '-' or key != '-':
                fail(path, n, 'a tag row has "-" in property_set and lid_or_name')
            pid = check_tag_id(path, n, name, pid_text)
            row['tag'] = (pid << 16) | code
            if row['tag'] in tags:
                fail(path, n, f'tag 0x{row["tag"]:08X} already used by {tags[row["tag"]]}')
            tags[row['tag']] = name
        else:
            if pid_text != '-':
                fail(path, n, 'a named property row has "-" in property_id')
            if pset not in set_index:
                fail(path, n, f'unknown property set {pset!r} (not in the property set file)')
            row['set'] = set_index[pset]
            if kind == 'lid':
                if not HEX32_RE.match(key):
                    fail(path, n, f'bad LID {key!r} (0xNNNNNNNN)')
                row['lid'] = int(key, 16)
                nkey = (pset, 'lid', row['lid'])
            else:
                row['string'] = key
                nkey = (pset, 'name', key)
            if nkey in named_keys:
                fail(path, n, f'{pset} {key} already used by {named_keys[nkey]}')
            named_keys[nkey] = name
        names[name] = n
        props.append(row)
    return props


def c_string(s):
    """A C string literal for s (ASCII; anything else as an escape)."""
    out = []
    for ch in s:
        if ch in '"\\':
            out.append('\\' + ch)
        elif 32 <= ord(ch) < 127:
            out.append(ch)
        else:
            out.extend(f'\\{b:03o}' for b in ch.encode('utf-8'))
    return '"' + ''.join(out) + '"'


def guid_initializer(guid):
    """The struct GUID initializer (time_low, time_mid, time_hi_and_version, clock_seq, node)."""
    h = guid.replace('-', '')
    b = [h[i:i + 2] for i in range(16, 32, 2)]
    return (f'{{ 0x{h[0:8]}, 0x{h[8:12]}, 0x{h[12:16]}, {{ 0x{b[0]}, 0x{b[1]} }}, '
            f'{{ 0x{b[2]}, 0x{b[3]}, 0x{b[4]}, 0x{b[5]}, 0x{b[6]}, 0x{b[7]} }} }}')


def emit_header(props, sets):
    out = ['/* Generated by idl/compiler/gen_props.py from idl/props.tsv and idl/propsets.tsv.',
           ' * Do not edit; do not commit. MS-OXPROPS property constants. */',
           '#ifndef SAMBEX_MAPI_PROPS_TABLE_H', '#define SAMBEX_MAPI_PROPS_TABLE_H', '',
           '/* Property sets (MS-OXPROPS 1.3.2): index into the set table. */',
           'enum mapi_props_set {']
    out += [f'\tMAPI_PROPS_SET_{s["name"]} = {i},' for i, s in enumerate(sets)]
    out += [f'\tMAPI_PROPS_SET_COUNT = {len(sets)}', '};', '',
            '/* Tagged properties: full property tags (ID << 16 | type). */']
    for p in props:
        if p['kind'] == 'tag':
            out.append(f'#define {p["name"]} 0x{p["tag"]:08X}U\t/* {p["dtype"]} */')
    named = [p for p in props if p['kind'] != 'tag']
    out += ['', '/* Named properties: index into the named table (mapi_props_named_at). */',
            'enum mapi_props_named {']
    out += [f'\tMAPI_PROPS_NAMED_{p["name"]} = {i},' for i, p in enumerate(named)]
    out += [f'\tMAPI_PROPS_NAMED_COUNT = {len(named)}', '};', '',
            '/* Named properties: long IDs (LIDs) and types. */']
    for p in named:
        if p['kind'] == 'lid':
            out.append(f'#define {p["name"]}_LID 0x{p["lid"]:08X}U')
        out.append(f'#define {p["name"]}_TYPE 0x{p["type"]:04X}U\t/* {p["dtype"]} */')
    out += ['', f'#define MAPI_PROPS_TAG_COUNT {len(props) - len(named)}', '', '#endif', '']
    return '\n'.join(out)


def emit_source(props, sets):
    tags = sorted((p for p in props if p['kind'] == 'tag'), key=lambda p: p['name'])
    named = [p for p in props if p['kind'] != 'tag']
    out = ['/* Generated by idl/compiler/gen_props.py; do not edit, do not commit. */',
           '#include "mapi_props.h"', '',
           '/* MS-OXPROPS 1.3.2 property sets, in propsets.tsv order. */',
           'const struct mapi_props_set_info mapi_props_set_table[MAPI_PROPS_SET_COUNT] = {']
    for s in sets:
        out.append(f'\t{{ {c_string(s["name"])}, {guid_initializer(s["guid"])}, '
                   f'{c_string(s["guid"])} }},')
    out += ['};', '', '/* Tagged properties sorted by name (mapi_props_tag_by_name: binary search). */',
            f'const struct mapi_props_tag_info mapi_props_tag_table[{max(len(tags), 1)}] = {{']
    for p in tags:
        out.append(f'\t{{ {c_string(p["name"])}, 0x{p["tag"]:08X}U, {c_string(p["alts"])}, '
                   f'{c_string(p["section"])} }},')
    by_tag = sorted(range(len(tags)), key=lambda i: tags[i]['tag'])
    out += ['};', f'const size_t mapi_props_tag_table_count = {len(tags)};', '',
            '/* Indices into mapi_props_tags sorted by tag (mapi_props_tag_lookup: binary search). */',
            f'const uint16_t mapi_props_tag_table_by_tag[{max(len(tags), 1)}] = {{']
    out += [f'\t{i},' for i in by_tag]
    out += ['};', '', '/* Named properties in enum mapi_props_named order. */',
            f'const struct mapi_props_named_info mapi_props_named_table[{max(len(named), 1)}] = {{']
    for p in named:
        if p['kind'] == 'lid':
            key = f'false, 0x{p["lid"]:08X}U, NULL'
        else:
            key = f'true, 0, {c_string(p["string"])}'
        out.append(f'\t{{ {c_string(p["name"])}, MAPI_PROPS_SET_{sets[p["set"]]["name"]}, {key}, '
                   f'0x{p["type"]:04X}U, {c_string(p["alts"])}, {c_string(p["section"])} }},')
    out += ['};', f'const size_t mapi_props_named_table_count = {len(named)};', '']
    return '\n'.join(out)


def load(props_path, sets_path, proptype_path):
    types = read_proptypes(proptype_path)
    sets = parse_propsets(sets_path)
    return parse_props(props_path, sets, types), sets


def main(argv):
    try:
        if len(argv) == 5 and argv[1] == '--count':
            props, sets = load(argv[2], argv[3], argv[4])
            ntags = sum(1 for p in props if p['kind'] == 'tag')
            print(f'{ntags} tags, {len(props) - ntags} named, {len(sets)} sets')
            return 0
        if len(argv) != 6:
            print(__doc__, file=sys.stderr)
            return 2
        props, sets = load(argv[1], argv[2], argv[3])
        if len(props) > 65535:
            raise InputError(f'{argv[1]}:1: too many rows for 16-bit indices')
        with open(argv[4], 'w', encoding='utf-8') as f:
            f.write(emit_header(props, sets))
        with open(argv[5], 'w', encoding='utf-8') as f:
            f.write(emit_source(props, sets))
        return 0
    except InputError as e:
        print(f'gen_props: {e}', file=sys.stderr)
        return 1
    except OSError as e:
        print(f'gen_props: {e}', file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
