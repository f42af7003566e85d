#!/usr/bin/env python3
"""Fills the translations in translations/*.ts from the catalogues beside this script (German)
and from the English plural rules (source text "(s)" forms). Run after lupdate
(cmake --build build --target update_translations)."""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from de import DE  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent.parent
IRREGULAR = {'person(s)': ('person', 'people'), 'entry(s)': ('entry', 'entries'), 'other(s)': ('other', 'others'),
             'person(s) are': ('person is', 'people are')}


def english_forms(source):
    one, many = source, source
    for key, (s, p) in sorted(IRREGULAR.items(), key=lambda kv: -len(kv[0])):
        one, many = one.replace(key, s), many.replace(key, p)
    one = re.sub(r'(\w+)\(s\)', r'\1', one)
    many = re.sub(r'(\w+)\(s\)', r'\1s', many)
    return one, many


def fill(path, lookup):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter('message'):
        source = message.find('source').text
        translation = message.find('translation')
        value = lookup(source, message.get('numerus') == 'yes')
        if value is None:
            missing.append(source)
            continue
        translation.attrib.pop('type', None)
        for child in list(translation):
            translation.remove(child)
        if isinstance(value, tuple):
            translation.text = None
            for form in value:
                ET.SubElement(translation, 'numerusform').text = form
        else:
            translation.text = value
    tree.write(path, encoding='utf-8', xml_declaration=True)
    # lupdate writes a DOCTYPE; keep the file as lupdate would, so its check stays quiet.
    text = path.read_text(encoding='utf-8').replace("<?xml version='1.0' encoding='utf-8'?>",
                                                    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>')
    path.write_text(text + ('' if text.endswith('\n') else '\n'), encoding='utf-8')
    return missing


def main():
    missing = fill(HERE / 'chathost_de.ts', lambda s, numerus: DE.get(s))
    fill(HERE / 'chathost_en.ts', lambda s, numerus: english_forms(s) if numerus else None)
    if missing:
        print('untranslated in German:', *missing, sep='\n  ')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
