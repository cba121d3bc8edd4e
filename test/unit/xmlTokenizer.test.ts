import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { XmlSyntaxError, XmlTokenizer, type XmlEvents } from '../../server/src/xlsx/stream/xmlTokenizer';
import { xlsxParts } from '../support/xlsxParts';
import { makeRng } from '../support/synth';

// The tokenizer stands in for saxes, a conforming parser: it is held to it, event for event.

type Event = [string, unknown];

/** Adjacent texts as one: how a reader hears them either way. */
function joined(events: Event[]): Event[] {
  const out: Event[] = [];
  for (const [kind, data] of events) {
    const last = out[out.length - 1];
    if (kind === 'text' && last?.[0] === 'text') last[1] = `${last[1] as string}${data as string}`;
    else out.push([kind, data]);
  }
  return out;
}

function recorder(events: Event[]): Required<Omit<XmlEvents, 'passthrough'>> {
  return {
    xmldecl: (d) => events.push(['xmldecl', { version: d.version, encoding: d.encoding, standalone: d.standalone }]),
    processinginstruction: (pi) => events.push(['pi', { target: pi.target, body: pi.body }]),
    doctype: (d) => events.push(['doctype', d]),
    comment: (c) => events.push(['comment', c]),
    opentag: (t) => events.push(['open', { name: t.name, attributes: { ...t.attributes }, isSelfClosing: t.isSelfClosing }]),
    closetag: (t) => events.push(['close', t.name]),
    text: (t) => events.push(['text', t]),
    cdata: (t) => events.push(['cdata', t]),
  };
}

function bySaxes(chunks: string[]): { events: Event[]; error?: string } {
  const events: Event[] = [];
  let error: string | undefined;
  const parser = new SaxesParser();
  parser.on('error', (e) => {
    error ??= e.message;
  });
  for (const [name, handler] of Object.entries(recorder(events))) parser.on(name as 'text', handler as (t: string) => void);
  for (const c of chunks) if (!error) parser.write(c);
  if (!error) parser.close();
  return { events: joined(events), error };
}

function byTokenizer(chunks: string[]): { events: Event[]; error?: string } {
  const events: Event[] = [];
  const parser = new XmlTokenizer(recorder(events));
  try {
    for (const c of chunks) parser.write(c);
    parser.close();
    return { events: joined(events) };
  } catch (e) {
    assert.ok(e instanceof XmlSyntaxError, String(e));
    return { events: joined(events), error: e.message };
  }
}

/** Both read `chunks` alike: both refuse it, or both give the same events. */
function agree(chunks: string[]): string | undefined {
  const a = bySaxes(chunks);
  const b = byTokenizer(chunks);
  if (Boolean(a.error) !== Boolean(b.error)) return `saxes: ${a.error ?? 'reads it'}; tokenizer: ${b.error ?? 'reads it'}`;
  if (!a.error && !isDeepStrictEqual(a.events, b.events)) return `events differ:\n${JSON.stringify(a.events)}\n${JSON.stringify(b.events)}`;
  return undefined;
}

function inChunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Random XML as workbooks' parts are made, with what XML allows around it (references, CDATA, comments, line ends). */
function generator(seed: number) {
  const rng = makeRng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rng() * a.length)];
  const NAMES = ['c', 'x:c', 'row', 'si', 't', 'a-b', '_x', 'x.y', 'r', 'v', 'f', '中'];
  const ATTRIBUTES = ['r', 's', 't', 'x14ac:dyDescent', 'xml:space', 'ref', 'a.b', 'constructor'];
  const PIECES = ['a', '1', ' ', '\t', '\n', '\r\n', '\r', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#38;', '&#x4e2d;', '&#10;', '&#9;', '&#13;', '中文', '"', "'", '>', ']', ']]', '110105', '😀'];
  const text = (n: number) => Array.from({ length: Math.floor(rng() * n) }, () => pick(PIECES)).join('');
  const element = (depth: number): string => {
    const name = pick(NAMES);
    const used = new Set<string>();
    let open = `<${name}`;
    for (let k = Math.floor(rng() * 3); k > 0; k--) {
      const a = pick(ATTRIBUTES);
      if (used.has(a)) continue;
      used.add(a);
      const q = rng() < 0.8 ? '"' : "'";
      open += `${pick([' ', '  ', '\n', '\t', '\r\n'])}${a}${pick(['=', ' = '])}${q}${text(6).split(q).join(q === '"' ? '&quot;' : '&apos;')}${q}`;
    }
    open += pick(['', ' ', '\n']);
    if (depth > 3 || rng() < 0.2) return `${open}/>`;
    let body = '';
    for (let k = Math.floor(rng() * 4); k > 0; k--) {
      const r = rng();
      if (r < 0.4) body += text(5).replace(/]]>/g, ']]&gt;');
      else if (r < 0.75) body += element(depth + 1);
      else if (r < 0.85) body += `<![CDATA[${text(4).replace(/]]>/g, '')}]]>`;
      else if (r < 0.95) body += `<!--${text(4).replace(/-/g, '')}-->`;
      else body += `<?pi ${text(3).replace(/\?>/g, '')}?>`;
    }
    return `${open}>${body}</${name}${pick(['', ' ', '\n'])}>`;
  };
  const document = () =>
    `${rng() < 0.2 ? '\uFEFF' : ''}${rng() < 0.7 ? pick(['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', "<?xml version='1.0'?>"]) : ''}` +
    `${pick(['', '\n', '\r\n', '  '])}${rng() < 0.1 ? pick(['<!DOCTYPE x>\n', '<!DOCTYPE x SYSTEM "a>b.dtd">']) : ''}${rng() < 0.1 ? '<!-- c -->' : ''}${element(0)}${pick(['', '\n', '<!-- after -->', '<?pi x?>'])}`;
  // One change where a damaged or crafted part would have it (never half a surrogate pair: UTF-8 decoding makes none).
  const BREAKS = ['<', '>', '&', '"', "'", ']]>', '\u0001', '</x>', '<!--', '--', '=', ' ', '/', '&#0;', '&foo;', '<?xml version="1.0"?>', '<a>', '\uFFFF', '&#xD800;', '<![CDATA[', '?>', ':', '-', '1'];
  const broken = (d: string) => {
    let at = Math.floor(rng() * d.length);
    while (at > 0 && d.charCodeAt(at) >= 0xdc00 && d.charCodeAt(at) <= 0xdfff) at--;
    const width = d.charCodeAt(at) >= 0xd800 && d.charCodeAt(at) < 0xdc00 ? 2 : 1;
    return rng() < 0.3 ? d.slice(0, at) + d.slice(at + width) : d.slice(0, at) + pick(BREAKS) + d.slice(at);
  };
  const chunks = (d: string) => {
    const out: string[] = [];
    for (let i = 0; i < d.length; ) {
      const n = 1 + Math.floor(rng() * (rng() < 0.5 ? 5 : 200));
      out.push(d.slice(i, i + n));
      i += n;
    }
    return out;
  };
  return { rng, document, broken, chunks };
}

describe('XmlTokenizer: the XML reader of workbook parts', () => {
  it('reads what saxes reads, event for event, and refuses what saxes refuses (generated XML, whole and broken, in chunks of any size)', () => {
    const { rng, document, broken, chunks } = generator(20261124);
    let read = 0;
    let refused = 0;
    for (let k = 0; k < 6000; k++) {
      const d = rng() < 0.5 ? broken(document()) : document();
      const pieces = rng() < 0.5 ? [d] : chunks(d);
      const disagreement = agree(pieces);
      assert.equal(disagreement, undefined, `${JSON.stringify(d)}\n${disagreement}`);
      if (byTokenizer(pieces).error) refused++;
      else read++;
    }
    // Both kinds are well represented.
    assert.ok(read > 2000 && refused > 2000, `${read} read, ${refused} refused`);
  });

  it('reads every part of real workbooks as saxes does, in chunks of any size', async () => {
    const book = new ExcelJS.Workbook();
    book.creator = '制表 <人事部> & "财务"';
    const sheet = book.addWorksheet('工资 & 奖金');
    sheet.addRow(['姓名', '备注', '公式']);
    sheet.addRow([{ richText: [{ text: '张', font: { bold: true } }, { text: '三 <甲>' }] }, 'a & b\r\nline', { formula: 'IF(A2="x","是","否")', result: '否' }]);
    sheet.getCell('B2').note = '核对 & 确认';
    sheet.getCell('A3').value = { text: '链接', hyperlink: 'https://example.com/staff?id=1&x=2', tooltip: '"提示"' };
    sheet.getCell('C3').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
    sheet.headerFooter.oddHeader = '&L制表 &P';
    const built = Buffer.from(await book.xlsx.writeBuffer());
    const example = readFileSync(join(__dirname, '../../examples/payroll.xlsx'));
    let parts = 0;
    for (const zip of [built, example]) {
      for (const [name, xml] of xlsxParts(zip)) {
        if (!/\.(xml|rels)$/.test(name)) continue;
        parts++;
        for (const size of [1, 7, 64, xml.length]) assert.equal(agree(inChunks(xml, size)), undefined, `${name} in chunks of ${size}`);
        assert.equal(byTokenizer([xml]).error, undefined, name);
      }
    }
    assert.ok(parts >= 15, `${parts} parts`);
  });

  it('names the line and column where the XML breaks', () => {
    const fails = (xml: string) => {
      try {
        byTokenizerOrThrow(inChunks(xml, 3));
      } catch (e) {
        assert.ok(e instanceof XmlSyntaxError);
        return e.message;
      }
      return 'read';
    };
    assert.equal(fails('<a>\n<b>\n  </c></b></a>'), '3:3: unexpected close tag.');
    assert.equal(fails('<a>\r\n<b x="1" x="2"/></a>'), '2:10: duplicate attribute: x.');
    assert.equal(fails('<a>&nbsp;</a>'), '1:4: undefined entity: nbsp');
    assert.equal(fails('<a><b></a>'), '1:7: unexpected close tag.');
    assert.equal(fails('<a>'), '1:4: unclosed tag: a');
    assert.equal(fails('<a/>x'), '1:5: text data outside of root node.');
    assert.equal(fails('<a x="<"/>'), '1:7: disallowed character.');
    // A value whose quote is never closed: where it first runs into markup, as saxes says (not the end of the input).
    assert.equal(fails("<r><f\na = '  b=\"\" ></f\n>\n</r>"), '2:14: disallowed character.');
    assert.equal(fails('<a>]]></a>'), '1:6: the string "]]>" is disallowed in char data.');
    // An attribute `__proto__` would set the object's prototype: refused (no workbook has one).
    assert.equal(fails('<a __proto__="x"/>'), '1:4: disallowed character in attribute name.');
    assert.equal(fails('<a constructor="x" toString="y"/>'), 'read');
    // saxes reads a doctype's internal subset (and expands none of its entities); no workbook has one.
    assert.equal(fails('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'), '1:13: a doctype with an internal subset is not read.');
  });

  it('gives each tag its name as written and its local name, without the prefix', () => {
    const seen: string[] = [];
    const parser = new XmlTokenizer({
      opentag: (t) => seen.push(`open ${t.name} ${t.local}`),
      closetag: (t) => seen.push(`close ${t.name} ${t.local}`),
    });
    for (const piece of inChunks('<x:worksheet xmlns:x="u"><x:row r="1"><c/><x:c r="B1"/></x:row><row/></x:worksheet>', 5)) parser.write(piece);
    parser.close();
    assert.deepEqual(seen, [
      'open x:worksheet worksheet',
      'open x:row row',
      'open c c',
      'close c c',
      'open x:c c',
      'close x:c c',
      'close x:row row',
      'open row row',
      'close row row',
      'close x:worksheet worksheet',
    ]);
  });

  it('holds a text back until the markup after it, and says how much it holds', () => {
    const events: Event[] = [];
    const parser = new XmlTokenizer(recorder(events));
    parser.write('<a>one &amp;');
    assert.deepEqual(events, [['open', { name: 'a', attributes: {}, isSelfClosing: false }]]);
    assert.equal(parser.pending, 'one &amp;'.length);
    parser.write(' two\r');
    parser.write('\nthree<');
    assert.deepEqual(events.slice(1), [['text', 'one & two\nthree']]);
    assert.equal(parser.pending, 1);
    parser.write('/a>');
    parser.close();
    assert.equal(parser.line, 2);
  });

  it('gives a rewriter its input back as it was, but for the tokens it replaces', () => {
    const passed = (chunks: string[], replace?: (parser: () => XmlTokenizer) => XmlEvents) => {
      let out = '';
      const parser: XmlTokenizer = new XmlTokenizer({ ...replace?.(() => parser), passthrough: (s) => (out += s) });
      for (const c of chunks) parser.write(c);
      parser.close();
      return out;
    };
    // Nothing replaced: the input itself, as XML reads it (line ends as \n, no byte order mark).
    const { rng, document, chunks } = generator(7);
    for (let k = 0; k < 1000; k++) {
      const d = document();
      assert.equal(passed(rng() < 0.5 ? [d] : chunks(d)), d.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), JSON.stringify(d));
    }
    // A tag, a self-closing tag (its two events), a text, a comment: each replaced where it was, whatever the chunks.
    const xml = '<?xml version="1.0"?>\n<r a="1"><v x=">">1</v><!--c--><v/>&amp;2</r>';
    const replacing = (parser: () => XmlTokenizer): XmlEvents => ({
      opentag: (t) => t.name === 'v' && parser().replaceToken('<V>'),
      closetag: (t) => t.name === 'v' && parser().replaceToken('</V>'),
      text: (t) => t === '1' && parser().replaceToken('one'),
      comment: () => parser().replaceToken(''),
    });
    for (let size = 1; size <= xml.length; size++) {
      assert.equal(passed(inChunks(xml, size), replacing), '<?xml version="1.0"?>\n<r a="1"><V>one</V><V></V>&amp;2</r>', `chunks of ${size}`);
    }
  });
});

function byTokenizerOrThrow(chunks: string[]): void {
  const parser = new XmlTokenizer({});
  for (const c of chunks) parser.write(c);
  parser.close();
}
