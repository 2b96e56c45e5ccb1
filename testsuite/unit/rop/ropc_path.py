"""Puts idl/compiler on sys.path for ropc's unit tests; import it first."""
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
COMPILER = os.path.join(ROOT, 'idl', 'compiler')
ROPS = os.path.join(ROOT, 'idl', 'rops')
if COMPILER not in sys.path:
    sys.path.insert(0, COMPILER)
