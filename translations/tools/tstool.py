#!/usr/bin/env python3
"""The .ts files are the one source of every translation. This tool edits them in place, after
lupdate (cmake --build build --target update_translations) has added the new strings:

  tstool.py todo de              lists the German entries still unfinished, as JSON to fill in
  tstool.py set de FILE.json     writes translations from {"source": "text" or ["one", "many"]}
  tstool.py plurals              fills chathost_en.ts's plural forms from the "(s)" sources

Qt Linguist (linguist translations/chathost_de.ts) edits the same files by hand."""
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent.parent
IRREGULAR = {'person(s)': ('person', 'people'), 'entry(s)': ('entry', 'entries'),
             'other(s)': ('other', 'others'), 'person(s) are': ('person is', 'people are')}


def english_forms(source):
    one, many = source, source
    for key, (s, p) in sorted(IRREGULAR.items(), key=lambda kv: -len(kv[0])):
        one, many = one.replace(key, s), many.replace(key, p)
    one = re.sub(r'(\w+)\(s\)', r'\1', one)
    many = re.sub(r'(\w+)\(s\)', r'\1s', many)
    return one, many


def unfinished(message):
    t = message.find('translation')
    return t.get('type') == 'unfinished' or not (t.text or list(t))


def rewrite(path, lookup):
    """Sets every message lookup() answers for; returns the sources it had no answer for."""
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter('message'):
        source = message.find('source').text
        value = lookup(source, message.get('numerus') == 'yes', message)
        if value is None:
            if unfinished(message):
                missing.append(source)
            continue
        numerus = message.get('numerus') == 'yes'
        if numerus != isinstance(value, (list, tuple)):
            sys.exit(f'{source!r}: give {"a list of forms" if numerus else "one string"}')
        translation = message.find('translation')
        translation.attrib.pop('type', None)
        for child in list(translation):
            translation.remove(child)
        if numerus:
            translation.text = None
            for form in value:
                ET.SubElement(translation, 'numerusform').text = form
        else:
            translation.text = value
    tree.write(path, encoding='utf-8', xml_declaration=True)
    # Keep the file as lupdate writes it, so the next lupdate run changes nothing.
    text = path.read_text(encoding='utf-8').replace(
        "<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>')
    path.write_text(text + ('' if text.endswith('\n') else '\n'), encoding='utf-8')
    return missing


def main(argv):
    if len(argv) >= 2 and argv[0] == 'todo':
        root = ET.parse(HERE / f'chathost_{argv[1]}.ts').getroot()
        todo = {m.find('source').text: (['', ''] if m.get('numerus') == 'yes' else '')
                for m in root.iter('message') if unfinished(m)}
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 0
    if len(argv) == 3 and argv[0] == 'set':
        given = json.loads(pathlib.Path(argv[2]).read_text(encoding='utf-8'))
        used = set()

        def lookup(source, numerus, message):
            if source in given and given[source] not in ('', ['', '']):
                used.add(source)
                return given[source]
            return None
        missing = rewrite(HERE / f'chathost_{argv[1]}.ts', lookup)
        for source in sorted(set(given) - used):
            print(f'not in the catalogue (or left empty): {source!r}')
        for source in missing:
            print(f'still untranslated: {source!r}')
        return 1 if missing else 0
    if argv == ['plurals']:
        rewrite(HERE / 'chathost_en.ts', lambda s, numerus, m: english_forms(s) if numerus else None)
        return 0
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
