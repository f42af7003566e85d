#!/usr/bin/env python3
"""The README's command-line block is `chathost --help` (generated from the option table in
core/appsupport/optiontable.cpp): fails when they differ. With --write, rewrites the README block.
Usage: check_readme_options.py README.md [--write]; the binary comes from $CHATHOST_BIN."""
import os
import pathlib
import re
import subprocess
import sys

MARKER = '<!-- chathost --help: generated, checked by tests/docs/check_readme_options.py -->'


def help_text(binary):
    env = dict(os.environ, LC_ALL='C.UTF-8', LANG='C.UTF-8', LANGUAGE='', QT_QPA_PLATFORM='offscreen')
    r = subprocess.run(['chathost', '--help'], executable=binary, env=env, capture_output=True,
                       text=True, timeout=30, check=True)
    lines = r.stdout.rstrip('\n').split('\n')
    # The usage line names the program as it was started.
    lines[0] = re.sub(r'^Usage: \S+', 'Usage: chathost', lines[0])
    return '\n'.join(line.rstrip() for line in lines) + '\n'


def main():
    readme = pathlib.Path(sys.argv[1])
    text = readme.read_text(encoding='utf-8')
    block = re.compile(re.escape(MARKER) + r'\n```\n(.*?)```\n', re.S)
    match = block.search(text)
    if not match:
        print(f'{readme}: no block after {MARKER!r}')
        return 1
    expected = help_text(os.environ['CHATHOST_BIN'])
    if match.group(1) == expected:
        print('README command-line block matches chathost --help')
        return 0
    if '--write' in sys.argv:
        readme.write_text(text[:match.start(1)] + expected + text[match.end(1):], encoding='utf-8')
        print(f'{readme}: command-line block rewritten')
        return 0
    import difflib
    sys.stdout.writelines(difflib.unified_diff(match.group(1).splitlines(True), expected.splitlines(True),
                                               'README.md', 'chathost --help'))
    print('README differs from chathost --help; run: CHATHOST_BIN=build/bin/chathost '
          'python3 tests/docs/check_readme_options.py README.md --write')
    return 1


if __name__ == '__main__':
    sys.exit(main())
