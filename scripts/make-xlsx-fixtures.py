#!/usr/bin/python3
# Builds the Excel workbooks of fixtures/xlsx/ with LibreOffice Calc, a real spreadsheet
# program, so that the reader is tested on files as one writes them (not on XML we wrote).
#
#   apt-get install -y --no-install-recommends libreoffice-calc-nogui python3-uno
#   /usr/bin/python3 scripts/make-xlsx-fixtures.py
#
# Writes (and the tests read; the .xlsx files are committed, this script is how they were made):
#   fixtures/xlsx/basic/...        fixtures/basic's CSV files converted by Calc's CSV import
#                                  (French locale: dates, numbers and text as Calc types them)
#   fixtures/xlsx/features.xlsx    sheets "Incidents" and "Deployments": date cells, numbers,
#                                  booleans, a text time, a formula, merged cells, trailing
#                                  formatted cells, a venue in another zone
#   fixtures/xlsx/bad-cells.xlsx   a time in the spring-forward gap, a date before 1900, an
#                                  error value, a formula without its saved value (see below)
#   fixtures/xlsx/bad-1904.xlsx    a workbook in the 1904 date system
#   fixtures/xlsx/bad-two-headers.xlsx  a title row above the field names
#   fixtures/xlsx/bad-second-sheet.xlsx a second sheet holding values
#   fixtures/xlsx/encrypted.xlsx   saved with a password to open ("secret")
#
# No spreadsheet program saves a formula without its value, but other generators do (a script
# writing XML, openpyxl): bad-cells.xlsx has one such cell, made by removing the saved value of
# one formula from Calc's file afterwards (the only edit made outside Calc).

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'fixtures', 'xlsx')
PIPE = f'cci-fixtures-{os.getpid()}'


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office(profile):
    proc = subprocess.Popen([
        'soffice', '--headless', '--invisible', '--norestore', '--nologo', '--nodefault',
        f'-env:UserInstallation=file://{profile}', f'--accept=pipe,name={PIPE};urp;',
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f'uno:pipe,name={PIPE};urp;StarOffice.ComponentContext')
            return proc, ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        except Exception:
            time.sleep(0.25)
    proc.kill()
    sys.exit('LibreOffice did not start')


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def new_book(desktop):
    return desktop.loadComponentFromURL('private:factory/scalc', '_blank', 0, (prop('Hidden', True),))


def fmt(doc, code):
    formats = doc.NumberFormats
    locale = Locale('en', 'US', '')
    key = formats.queryKey(code, locale, False)
    return key if key != -1 else formats.addNew(code, locale)


def serial(y, mo, d, h=0, mi=0, s=0):
    """A date and time as a 1900-system serial (days since 1899-12-30)."""
    import datetime
    delta = datetime.datetime(y, mo, d, h, mi, s) - datetime.datetime(1899, 12, 30)
    return delta.days + delta.seconds / 86400


def put_rows(doc, sheet, rows):
    """Each cell: str (text), int/float (number), ('date', serial, format), ('bool', b), ('formula', f)."""
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None:
                continue
            cell = sheet.getCellByPosition(c, r)
            if isinstance(v, str):
                cell.String = v
            elif isinstance(v, bool):
                cell.Value = 1 if v else 0
                cell.NumberFormat = fmt(doc, 'BOOLEAN')
            elif isinstance(v, (int, float)):
                cell.Value = v
            elif v[0] == 'date':
                cell.Value = v[1]
                cell.NumberFormat = fmt(doc, v[2])
            elif v[0] == 'formula':
                cell.Formula = v[1]


def named(name, value):
    v = uno.createUnoStruct('com.sun.star.beans.NamedValue')
    v.Name = name
    v.Value = value
    return v


def save(doc, path, password=None):
    args = [prop('FilterName', 'Calc MS Excel 2007 XML'), prop('Overwrite', True)]
    if password is not None:
        # ECMA-376 Standard encryption, as Excel's "Encrypt with password" (checked with msoffcrypto-tool)
        args.append(prop('EncryptionData', uno.Any('[]com.sun.star.beans.NamedValue', (
            named('OOXPassword', password), named('CryptoType', 'Standard')))))
    uno.invoke(doc, 'storeToURL', (url(path), tuple(args)))
    doc.close(True)


def convert_csv(desktop, csv, xlsx):
    # its delimiter (44 comma, 59 semicolon), double quote, UTF-8 (76), from line 1, standard
    # columns, French (1036), quoted as text, detect special numbers (dates, times): what a user
    # gets opening the CSV in Calc
    with open(csv, encoding='utf-8-sig') as f:
        first = f.readline()
    sep = 59 if first.count(';') > first.count(',') else 44
    doc = desktop.loadComponentFromURL(url(csv), '_blank', 0, (
        prop('Hidden', True), prop('FilterName', 'Text - txt - csv (StarCalc)'),
        prop('FilterOptions', f'{sep},34,76,1,,1036,false,true,true'),
    ))
    save(doc, xlsx)


INCIDENT_HEADER = ['id', 'time', 'category', 'severity', 'venue', 'departement', 'summary_fr', 'summary_en',
                   'arrests', 'custody', 'games_impact', 'tlp']
DT = 'DD/MM/YYYY HH:MM'


def features(desktop, path):
    doc = new_book(desktop)
    sheets = doc.Sheets
    inc = sheets.getByIndex(0)
    inc.Name = 'Incidents'
    put_rows(doc, inc, [
        INCIDENT_HEADER,
        ['XL-001', ('date', serial(2024, 8, 5, 14, 10), DT), 'public_order', 'high', 'stade-de-france', None,
         'Rixe entre supporters', 'Fight between supporters', 3, ('formula', '=I2-1'), True, 'GREEN'],
        ['XL-002', '05/08/2024 16:20', 'theft', None, None, 75, 'Vol à la tire', None, 1, 1, False, 'amber'],
        ['XL-003', ('date', serial(2024, 8, 5, 8, 0), DT), 'other', 'low', 'teahupoo', None,
         'Vague', 'Wave', 0, 0, None, 'CLEAR'],
        ['XL-004', ('date', serial(2024, 8, 5, 9, 15, 30), 'YYYY-MM-DD HH:MM:SS'), None, 'medium', None, 93,
         'Colis suspect', 'Suspicious parcel', 0, 0, None, 'CLEAR'],
    ])
    # category of XL-003 shown over XL-004's row too; a merged title over two header-less cells
    inc.getCellByPosition(2, 3).String = 'suspicious_item'
    inc.getCellRangeByName('C4:C5').merge(True)
    # formatted but empty cells below and to the right: not data
    inc.getCellRangeByName('A30:P30').CellBackColor = 0xFFFF00
    inc.getCellRangeByName('P1:P40').CellBackColor = 0xFFFF00
    sheets.insertNewByName('Deployments', 1)
    dep = sheets.getByName('Deployments')
    put_rows(doc, dep, [
        ['date', 'force', 'departement', 'count'],
        [('date', serial(2024, 8, 5), 'YYYY-MM-DD'), 'police', 75, 1200],
        [('date', serial(2024, 8, 5), 'DD/MM/YYYY'), 'gendarmerie', None, ('formula', '=SUM(D2:D2)+300')],
    ])
    sheets.insertNewByName('Notes', 2)
    put_rows(doc, sheets.getByName('Notes'), [['Sheets named after a record kind are read; this one is not.']])
    save(doc, path)


def bad_cells(desktop, path):
    doc = new_book(desktop)
    sheet = doc.Sheets.getByIndex(0)
    sheet.Name = 'Feuille1'
    put_rows(doc, sheet, [
        INCIDENT_HEADER,
        ['BAD-001', ('date', serial(2024, 3, 31, 2, 30), DT), 'other', None, None, 75, 'Heure inexistante', None, 0, 0],
        ['BAD-002', ('date', serial(1899, 12, 25, 10, 0), DT), 'other', None, None, 75, 'Avant 1900', None, 0, 0],
        ['BAD-003', ('date', serial(2024, 8, 5, 10, 0), DT), 'other', None, None, 75, 'Erreur', None, ('formula', '=1/0'), 0],
        ['BAD-004', ('date', serial(2024, 8, 5, 11, 0), DT), 'other', None, None, 75, 'Formule', None, 0, ('formula', '=2+2')],
        ['BAD-005', ('date', serial(2024, 10, 27, 2, 30), DT), 'other', None, None, 75, 'Heure double', None, 0, 0],
    ])
    save(doc, path)
    # remove the saved value of J5's formula (=2+2): the one edit made outside Calc
    strip_cached_value(path, 'J5')


def strip_cached_value(path, ref):
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    out = path + '.tmp'
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == 'xl/worksheets/sheet1.xml':
                text = data.decode('utf-8')
                new = re.sub(r'(<c r="%s"[^>]*>(?:<f[^>]*>[^<]*</f>|<f[^>]*/>))<v>[^<]*</v>' % ref, r'\1', text)
                assert new != text, 'no formula value removed'
                data = new.encode('utf-8')
            z.writestr(info, data)
    os.replace(out, path)


def bad_1904(desktop, path):
    doc = new_book(desktop)
    null = uno.createUnoStruct('com.sun.star.util.Date')
    null.Day, null.Month, null.Year = 1, 1, 1904
    doc.NullDate = null
    sheet = doc.Sheets.getByIndex(0)
    put_rows(doc, sheet, [
        ['id', 'time', 'category', 'departement', 'summary_fr'],
        ['MAC-001', ('date', serial(2024, 8, 5, 14, 10) - 1462, DT), 'other', 75, 'Calendrier 1904'],
    ])
    save(doc, path)


def bad_two_headers(desktop, path):
    doc = new_book(desktop)
    sheet = doc.Sheets.getByIndex(0)
    put_rows(doc, sheet, [
        ['Incidents PP — 5 août 2024'],
        ['id', 'time', 'category', 'departement', 'summary_fr'],
        ['PP-901', ('date', serial(2024, 8, 5, 14, 10), DT), 'other', 75, 'Titre au-dessus'],
    ])
    sheet.getCellRangeByName('A1:E1').merge(True)
    save(doc, path)


def bad_second_sheet(desktop, path):
    doc = new_book(desktop)
    sheet = doc.Sheets.getByIndex(0)
    put_rows(doc, sheet, [
        ['id', 'time', 'category', 'departement', 'summary_fr'],
        ['PP-801', ('date', serial(2024, 8, 5, 14, 10), DT), 'other', 75, 'Première feuille'],
    ])
    doc.Sheets.insertNewByName('Suite', 1)
    put_rows(doc, doc.Sheets.getByName('Suite'), [
        ['id', 'time', 'category', 'departement', 'summary_fr'],
        ['PP-802', ('date', serial(2024, 8, 5, 15, 10), DT), 'other', 75, 'Deuxième feuille'],
    ])
    save(doc, path)


def encrypted(desktop, path):
    doc = new_book(desktop)
    put_rows(doc, doc.Sheets.getByIndex(0), [['id', 'time'], ['ENC-1', '2024-08-05 10:00']])
    save(doc, path, password='secret')


def main():
    os.makedirs(OUT, exist_ok=True)
    profile = tempfile.mkdtemp(prefix='cci-lo-')
    proc, desktop = start_office(profile)
    try:
        basic = os.path.join(ROOT, 'fixtures', 'basic')
        for day in sorted(os.listdir(basic)):
            src = os.path.join(basic, day)
            if not os.path.isdir(src):
                continue
            for name in sorted(os.listdir(src)):
                if name.endswith('.csv'):
                    os.makedirs(os.path.join(OUT, 'basic', day), exist_ok=True)
                    convert_csv(desktop, os.path.join(src, name), os.path.join(OUT, 'basic', day, name[:-4] + '.xlsx'))
        features(desktop, os.path.join(OUT, 'features.xlsx'))
        bad_cells(desktop, os.path.join(OUT, 'bad-cells.xlsx'))
        bad_1904(desktop, os.path.join(OUT, 'bad-1904.xlsx'))
        bad_two_headers(desktop, os.path.join(OUT, 'bad-two-headers.xlsx'))
        bad_second_sheet(desktop, os.path.join(OUT, 'bad-second-sheet.xlsx'))
        encrypted(desktop, os.path.join(OUT, 'encrypted.xlsx'))
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    print('\n'.join(sorted(os.path.relpath(os.path.join(d, f), ROOT) for d, _, fs in os.walk(OUT) for f in fs)))


if __name__ == '__main__':
    main()
