#!/usr/bin/env python3
"""make_seeds.py -- writes the seed corpora of the two fuzz targets.

Seeds are the string literals of the SQL golden tests (tests/sql/*.sql) plus
the news-style sentences below, which we wrote for this purpose.  Each seed
gets a leading control byte (see fuzz_core.c / fuzz_sql.c); a few control
bytes are used per text so every option starts covered.  The output is
small and committed: tests/fuzz/corpus/{core,sql}/seed-NNN.

usage: tests/fuzz/make_seeds.py
"""
import glob
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OURS = [
    'Sen. Maria Lopez said on Tuesday that the bill "will not pass this year."',
    '“We are not going anywhere,” the mayor told reporters, adding that talks would resume Jan. 5.',
    'WASHINGTON (Reuters) - The U.S. Treasury said on March 3, 2021 it would sell $120bn of debt.',
    'LONDON, Jan. 5 (AP) — Britain’s Prime Minister said: «Nous verrons» and left.',
    'The company, Acme Corp., reported 4.5% growth in the 1990s, according to Dr. J. Smith.',
    '„Das ist falsch“, sagte sie am 3. Oktober 2019.',
    'He said “it was ‘unacceptable’ and wrong” before leaving at 10:30 a.m. yesterday.',
    'Officials met last week and will meet again next month, three years after the 2019-11-04 deal.',
    'Headline In Title Case\nBy Jane Doe\n\nThe first paragraph begins here. It ends here.',
    '"Unclosed quote from the governor, who said the state would appeal',
    '" " " " \' \' “ ” ” “ « » ‹ ›',
    'Ministro Ana Pérez dijo: «No habrá recortes» el 12 de mayo.',
    'مرحبا بالعالم. قال الوزير إن المحادثات ستستأنف.',
    'Zoë\u0301 and Ångström visited 東京 on 2020-01-05 😀.',
    'line one\r\nline two\r\n\r\nnew paragraph',
]
CONTROLS_CORE = [0x00, 0x3f, 0x21, 0x48]
CONTROLS_SQL = [0x00, 0x01, 0x12, 0x06]


def literals():
    out = []
    for path in sorted(glob.glob(os.path.join(HERE, '..', 'sql', '*.sql'))):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for m in re.finditer(r"'((?:[^']|'')*)'", text):
            s = m.group(1).replace("''", "'")
            if len(s) >= 12 and not s.startswith(('0', '%')):
                out.append(s)
    return out


def write(folder, controls, texts):
    os.makedirs(folder, exist_ok=True)
    for old in glob.glob(os.path.join(folder, 'seed-*')):
        os.remove(old)
    n = 0
    for i, t in enumerate(texts):
        body = t.encode('utf-8', 'surrogatepass')
        ctl = controls[i % len(controls)]
        with open(os.path.join(folder, 'seed-%03d' % n), 'wb') as f:
            f.write(bytes([ctl]) + body)
        n += 1
    return n


def main():
    texts = list(dict.fromkeys(OURS + literals()))
    nc = write(os.path.join(HERE, 'corpus', 'core'), CONTROLS_CORE, texts)
    ns = write(os.path.join(HERE, 'corpus', 'sql'), CONTROLS_SQL, texts)
    print('wrote %d core and %d sql seeds' % (nc, ns))


if __name__ == '__main__':
    main()
