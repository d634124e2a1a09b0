#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""docs/rules.md covers the catalogues: every role token of roles.def, every
phase, and every edge of states.def (from, event text, to) appears in it."""
import os
import re
import sys

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
core = os.path.join(top, "plugin", "core")
doc = open(os.path.join(top, "docs", "rules.md"), encoding="utf-8").read()
states = open(os.path.join(core, "states.def"), encoding="utf-8").read()
roles = open(os.path.join(core, "roles.def"), encoding="utf-8").read()
messages = open(os.path.join(core, "messages.def"), encoding="utf-8").read()

names = dict(re.findall(r'^TT_STATE\((\w+), "([A-Z0-9-]+)"', states, re.M))
event_msg = dict(re.findall(r"^TT_EVENT\((\w+), \"[a-z0-9-]+\", (\w+)\)", states, re.M))
english = dict(re.findall(r'TT_MSG\((TT_M_EV_\w+), "([^"]*)"', messages))
missing = []
rows = [line for line in doc.splitlines() if line.startswith("|")]
for a, event, b in re.findall(r"^TT_EDGE\((\w+), (\w+), (\w+),", states, re.M):
    text = english[event_msg[event]]
    if not any(names[a] in r and "| %s |" % text in r and names[b] in r for r in rows):
        missing.append("edge %s --[%s]--> %s" % (names[a], text, names[b]))
tokens = re.findall(r'^TT_ROLE\(\w+, "([a-z0-9+-]+)"', roles, re.M)
for token in tokens:
    if "`%s`" % token not in doc:
        missing.append("role " + token)
for m in missing:
    print("docs/rules.md lacks:", m)
if len(tokens) < 20 or len(names) != 11:
    sys.exit("rules-doc: could not read the catalogues")
if not missing:
    print("docs/rules.md covers all %d roles and every edge of the diagram" % len(tokens))
sys.exit(1 if missing else 0)
