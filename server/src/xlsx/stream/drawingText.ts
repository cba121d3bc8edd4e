// The text typed into a sheet's drawings: text boxes and shapes (`xl/drawings/drawing1.xml`), and
// its charts' titles, axis titles and labels (`xl/charts/chart1.xml`), all DrawingML paragraphs
// of runs (`<a:p><a:r><a:t>…`); and a picture's or shape's alternative text, its description and
// title (`<xdr:cNvPr descr="…" title="…">`: what a photo of an ID card is often described with).
// A chart's cached copies of its cells (`<c:v>`) are read as a table of their own (chartData.ts).
import { parseXml, TEXT_LIMIT } from './xml';
import type { ZipParts } from './zipParts';

/** Calls `onParagraph` with each paragraph's text, its runs joined, and each alternative text. */
export async function readDrawingText(zip: ZipParts, part: string, onParagraph: (text: string) => void): Promise<void> {
  let paragraph: string[] | undefined;
  let chars = 0;
  let inText = false;
  await parseXml(await zip.stream(part), {
    open(name, a) {
      if (name === 'cNvPr') {
        for (const alt of [a.descr, a.title]) if (alt) onParagraph(alt);
      } else if (name === 'p') {
        paragraph = [];
        chars = 0;
      } else if (name === 't') inText = paragraph !== undefined;
    },
    text(t) {
      // A paragraph longer than any cell is not read further.
      if (inText && (chars += t.length) <= TEXT_LIMIT) paragraph!.push(t);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'p' && paragraph) {
        if (chars) onParagraph(paragraph.join(''));
        paragraph = undefined;
      }
    },
  }, part);
}
