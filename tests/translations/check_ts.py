#!/usr/bin/env python3
"""Fails when translations/*.ts are out of date with the sources (a tr() string added, changed or
removed without running lupdate) or when the German catalogue has untranslated entries."""
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(sys.argv[1]).resolve()
LUPDATE = sys.argv[2] if len(sys.argv) > 2 else '/usr/lib/qt6/bin/lupdate'


def messages(path):
    out = set()
    for context in ET.parse(path).getroot().iter('context'):
        name = context.find('name').text
        for m in context.iter('message'):
            out.add((name, m.find('source').text, m.get('numerus') == 'yes'))
    return out


def main():
    with tempfile.TemporaryDirectory() as tmp:
        fresh = pathlib.Path(tmp) / 'fresh.ts'
        subprocess.run([LUPDATE, '-silent', '-no-obsolete', '-locations', 'none',
                        str(ROOT / 'core'), str(ROOT / 'ui'), str(ROOT / 'app'), '-ts', str(fresh)],
                       check=True)
        expected = messages(fresh)
    failures = 0
    for ts in sorted((ROOT / 'translations').glob('*.ts')):
        have = messages(ts)
        added, removed = expected - have, have - expected
        for ctx, src, _ in sorted(added):
            print(f'{ts.name}: missing {ctx}: {src!r}')
        for ctx, src, _ in sorted(removed):
            print(f'{ts.name}: obsolete {ctx}: {src!r}')
        failures += len(added) + len(removed)
    german = ET.parse(ROOT / 'translations' / 'chathost_de.ts').getroot()
    for m in german.iter('message'):
        t = m.find('translation')
        if t.get('type') == 'unfinished' or not (t.text or list(t)):
            print(f"chathost_de.ts: untranslated {m.find('source').text!r}")
            failures += 1
    print(f'{len(expected)} strings checked, {failures} problems')
    if failures:
        print('Run: cmake --build build --target update_translations, then translate what\'s new: '
              'python3 translations/tools/tstool.py todo de > new.json; (fill it in); '
              'python3 translations/tools/tstool.py set de new.json; python3 translations/tools/tstool.py plurals')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
