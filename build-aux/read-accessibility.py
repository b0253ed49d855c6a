#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""read-accessibility.py APP
Prints what a screen reader hears from the running HubEco window, read
through AT-SPI (the bus Orca uses): every control and informative object of
every page (GTK 4.8 reports no "showing" state, so hidden pages are read
too), by role and name with a count, and flags the names GTK falls back to
(a type name), that carry a mnemonic underscore, or that are empty. Run by
build-aux/read-accessibility.sh; exits 1 when it flags any."""
import collections
import re
import sys
import time

import pyatspi

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_ENTRY, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_LINK, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_TEXT, pyatspi.ROLE_LEVEL_BAR, pyatspi.ROLE_IMAGE,
    pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE,
}
TYPE_NAME = re.compile(r"^(Gtk|Adw|Hub)[A-Z][A-Za-z]+$")
MNEMONIC = re.compile(r"(^|\s)_\w")


def find_app(name):
    for _ in range(100):
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.2)
    sys.exit(f"no application named {name} on the accessibility bus")


def walk(node, out):
    try:
        states = node.getState()
    except Exception:
        return
    # GTK 4.8 sets no "showing" state: every page is read, shown or not.
    if not states.contains(pyatspi.STATE_VISIBLE):
        return
    if node.getRole() in CONTROLS:
        out.append(node)
    for child in node:
        if child is not None:
            walk(child, out)


def main():
    app = find_app(sys.argv[1])
    heard = collections.Counter()
    for window in app:
        found = []
        walk(window, found)
        for node in found:
            heard[(node.getRoleName(), node.name or "")] += 1
    bad = 0
    for (role, name), count in sorted(heard.items()):
        flag = ""
        if TYPE_NAME.match(name):
            flag = "  <-- a type name"
        elif MNEMONIC.search(name):
            flag = "  <-- a mnemonic underscore"
        elif not name and role not in ("image", "text"):
            flag = "  <-- no name"
        if flag:
            bad += count
        print(f"{count:4} × {role}: “{name}”{flag}")
    print(f"{sum(heard.values())} objects read, {bad} badly named")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
