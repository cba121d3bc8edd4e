// The comments on a sheet's cells, read as their part inflates: notes (`xl/comments1.xml`, which
// every Excel writes) and threaded comments (`xl/threadedComments/threadedComment1.xml`, Excel
// 365's conversations, which it also writes as notes for older readers). The authors are not
// read: a person's name is nothing a rule finds, and reports never show it.
import { oversizeError } from '../oversize';
import { parseXml, TEXT_LIMIT } from './xml';
import type { ZipParts } from './zipParts';

/** Calls `onComment` with each comment's cell (`B2`) and its text (a note's runs joined, phonetic guides left out). */
export async function readComments(zip: ZipParts, part: string, sheet: string, onComment: (ref: string, text: string) => void): Promise<void> {
  // In a note (1) or a threaded comment (2), and whether in the text that counts.
  let inComment = 0;
  let inText = false;
  let phonetic = 0;
  let ref = '';
  let text: string[] = [];
  let chars = 0;
  await parseXml(await zip.stream(part), {
    open(name, a) {
      if (name === 'comment' || name === 'threadedComment') {
        inComment = name === 'comment' ? 1 : 2;
        ref = a.ref ?? '';
        text = [];
        chars = 0;
      } else if (name === 'rPh') phonetic++;
      else if (inComment === 1 && name === 't') inText = phonetic === 0;
      else if (inComment === 2 && name === 'text') inText = true;
    },
    text(t) {
      if (!inText) return;
      if ((chars += t.length) > TEXT_LIMIT) throw oversizeError({ part, kind: 'longText', place: { sheet, cell: ref }, limit: TEXT_LIMIT });
      text.push(t);
    },
    textPlace: () => (inComment ? { sheet, cell: ref } : undefined),
    close(name) {
      if (name === 'comment' || name === 'threadedComment') {
        if (chars && ref) onComment(ref, text.join(''));
        inComment = 0;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't' || name === 'text') inText = false;
    },
  }, part);
}
