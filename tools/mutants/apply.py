#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Build a mutant's tree: copy csrc/ to OUT/csrc and apply one patch there.

    apply.py PATCH TOP OUT

A patch of the binding (a/csrc/napi/...) gets csrc/napi in its copy too:
the addon is then built from OUT/csrc (CMakeLists.txt, SKBEXT_ADDON_MUTANT).
The patch is a unified diff with paths a/csrc/... and b/csrc/..., as
`git diff` writes them. Every hunk must apply exactly where its context
says, context lines included (no fuzz): a mutant whose patch no longer
fits the port must fail the build, not drift. Only the line number may
move, as patch(1) allows an offset: a hunk whose old text is not at its
line is applied where that text occurs exactly once in the file, so
unrelated edits above it do not break every mutant. The copy is
rewritten whole each time so the mutant always follows the current port
(as tools/testing/vma builds the real mm/vma.c).
"""
import os, re, shutil, sys


def hunks(lines):
    """Yield (path, [(old_start, old_lines, new_lines)]) per file."""
    path, cur = None, None
    out = []
    i = 0
    while i < len(lines):
        l = lines[i]
        if l.startswith('+++ '):
            path = l[4:].split('\t')[0].strip()
            path = path[2:] if path.startswith('b/') else path
            out.append((path, []))
        elif l.startswith('@@ '):
            m = re.match(r'@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@', l)
            old, new = [], []
            i += 1
            while i < len(lines) and lines[i][:1] in (' ', '-', '+', '\\'):
                t, body = lines[i][:1], lines[i][1:]
                if t in (' ', '-'):
                    old.append(body)
                if t in (' ', '+'):
                    new.append(body)
                i += 1
            out[-1][1].append((int(m.group(1)), old, new))
            continue
        i += 1
    return out


def locate(text, start, old):
    """Where the hunk's old text is: at its line, else its one occurrence."""
    at = start - 1 if old else start
    if text[at:at + len(old)] == old:
        return at
    if not old:
        return None
    found = [i for i in range(len(text) - len(old) + 1)
             if text[i:i + len(old)] == old]
    return found[0] if len(found) == 1 else None


def main():
    patch, top, dest = sys.argv[1:4]
    src = os.path.join(top, 'csrc')
    copy = os.path.join(dest, 'csrc')
    with open(patch) as f:
        diff = f.read().split('\n')
    binding = any(l.startswith('+++ b/csrc/napi/') for l in diff)
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(src, copy, ignore=None if binding else shutil.ignore_patterns('napi'))
    for path, hs in hunks(diff):
        target = os.path.join(dest, path)
        with open(target) as f:
            text = f.read().split('\n')
        # from the last hunk up, so earlier line numbers stay right
        for start, old, new in sorted(hs, key=lambda h: -h[0]):
            at = locate(text, start, old)
            if at is None:
                sys.exit(f'{patch}: hunk at {path}:{start} does not apply')
            text[at:at + len(old)] = new
        with open(target, 'w') as f:
            f.write('\n'.join(text))


if __name__ == '__main__':
    main()
