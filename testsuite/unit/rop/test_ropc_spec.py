"""The descriptions against the MS-OXCROPS requirement list (shared/specs, next to the tree).

For every described ROP, the fields that the requirement list names for its request buffer and
its (success) response buffer, with their sizes, must appear in the description in the same
order. The list misses some fields (its sentences vary), so it must be a subsequence of ours,
not equal. Skipped when the requirement list is not there.
"""
import glob
import os
import re
import unittest

import ropc_path  # noqa: F401
from ropc.ast import If, Sized
from ropc.model import SCALARS, load

SPEC = os.path.join(ropc_path.ROOT, '..', 'shared', 'specs',
                    'MS-OXCROPS_RequirementSpecification.tsv')
PATTERN = re.compile(r'\[In (Rop\w+) ROP ([A-Za-z ]*?)\s*\]\s*(\w+) \(([0-9a-z ]+)\)', re.I)
HEAD = {'RopId', 'LogonId', 'InputHandleIndex', 'OutputHandleIndex', 'ReturnValue',
        'ResponseHandleIndex', 'SourceHandleIndex', 'DestHandleIndex'}
EXPAND = {
    'proptags': lambda n: [('PropertyTagCount', '2'), (n, 'v')],
    'problems': lambda n: [('PropertyProblemCount', '2'), (n, 'v')],
    'rowset': lambda n: [('RowCount', '2'), (n, 'v')],
    'sortorders': lambda n: [('SortOrderCount', '2'), ('CategoryCount', '2'),
                             ('ExpandedCount', '2'), (n, 'v')],
}
ALIASES = {'ExcludedTagCount': 'PropertyTagCount'}


def spec_layouts(text):
    lay = {}
    for g in PATTERN.finditer(text):
        lst = lay.setdefault((g.group(1), g.group(2).strip().lower()), [])
        size = g.group(4).replace(' bytes', '').replace(' byte', '')
        size = size if size.isdigit() else 'v'
        name = ALIASES.get(g.group(3), g.group(3))
        if (name, size) not in lst:
            lst.append((name, size))
    return lay


def flat(items, structs):
    """(name, size or 'v') of the wire fields of a body, every branch included."""
    out = []
    for it in items:
        if isinstance(it, If):
            out += flat(it.body, structs) + flat(it.orelse, structs)
        elif isinstance(it, Sized):
            out.append((it.name, str(SCALARS[it.type][0])))
            out += flat(it.body, structs)
        elif it.context:
            continue
        elif it.type in EXPAND:
            out += EXPAND[it.type](it.name)
        elif it.type in SCALARS and not isinstance(it.size, str):
            out.append((it.name, str(SCALARS[it.type][0] * (it.size or 1))))
        elif it.type in structs and it.size is None:
            out.append((it.name, str(structs[it.type].min_size)))
        else:
            out.append((it.name, 'v'))
    return out


def is_subsequence(small, big):
    it = iter(big)
    return all(x in it for x in small)


@unittest.skipUnless(os.path.exists(SPEC), 'MS-OXCROPS requirement list not found')
class SpecTest(unittest.TestCase):
    def test_layouts(self):
        with open(SPEC, encoding='utf-8') as fh:
            lay = spec_layouts(fh.read())
        files = sorted(glob.glob(os.path.join(ropc_path.ROPS, '*.rop')))
        model = load(files, os.path.join(ropc_path.ROPS, 'rops.tsv'))
        checked, wrong = 0, []
        for rop in model.rops:
            halves = [('request buffer', rop.request, rop.has_request, {'RopId'}),
                      ('success response buffer', rop.response, rop.has_response, HEAD),
                      ('response buffer', rop.response, rop.has_response, HEAD)]
            for key, body, present, head in halves:
                spec = lay.get((rop.name, key))
                if not present or spec is None:
                    continue
                mine = flat(body, model.structs)
                theirs = [f for f in spec if f[0] not in head or f in mine]
                if not is_subsequence(theirs, mine):
                    wrong.append(f'{rop.name} {key}:\n  spec {theirs}\n  ours {mine}')
                checked += 1
        # (no subTest: pytap reports test cases, not subtests)
        self.assertEqual(wrong, [], '\n' + '\n'.join(wrong))
        self.assertGreater(checked, 200)


if __name__ == '__main__':
    unittest.main()
