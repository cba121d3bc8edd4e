// A redaction's copy of a chart part (stream/chartData.ts). A cached text is replaced where it is
// written, as in any part. A cached number replaced goes, point and all: a number cannot hold a
// placeholder (`<c:v>138****8000</c:v>` in a number cache is a chart Excel must repair), and a
// missing point is a blank one until Excel draws the chart again from its cells, which then hold
// the new text. A source formula is a cell's formula: a sheet renamed is renamed there.
import type { RawValues } from './stream/rawValues';
import { chartNumber, NUMERIC_SEQUENCES } from './stream/chartData';
import { childrenNamed, textOf, type RewriteHandlers } from './stream/xmlRewrite';

export function chartCacheRewrite(raw: RawValues): RewriteHandlers {
  const map = (s: string) => raw.replaceAll(s);
  let numeric = 0;
  let inFormula = false;
  return {
    open(name) {
      if (NUMERIC_SEQUENCES.has(name)) numeric++;
      else if (name === 'f') inFormula = true;
    },
    close(name) {
      if (NUMERIC_SEQUENCES.has(name)) numeric--;
      else if (name === 'f') inFormula = false;
    },
    collect: (name) => name === 'pt' && numeric > 0,
    replace(pt) {
      // ChartML's point holds its value in `v`; chartEx's holds it as its text.
      const v = childrenNamed(pt, 'v')[0];
      const written = textOf(v ?? pt);
      const shown = chartNumber(written).text;
      return map(shown) !== shown || map(written) !== written ? '' : undefined;
    },
    mapText: (s) => (inFormula ? raw.replaceInFormula(s) : map(s)),
    mapAttribute: map,
  };
}
