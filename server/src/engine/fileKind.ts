import type { FileKind } from './types';

const CODE_EXTENSIONS = new Set(
  ('js mjs cjs jsx ts mts cts tsx java kt kts scala groovy go rs c h cc cpp hpp cs swift m mm php py rb pl pm r lua sh bash zsh ps1 ' +
    'sql json jsonc json5 yaml yml toml ini cfg conf properties env xml html htm vue svelte css scss less md markdown rst tex dart ex exs erl clj hs fs vb bat cmd gradle tf')
    .split(' '),
);

/** What kind of text a file holds, from its name (and, in the editor, its language id). */
export function fileKindOf(path: string, languageId?: string): FileKind {
  if (languageId === 'csv') return 'csv';
  if (languageId === 'tsv') return 'tsv';
  const dot = path.lastIndexOf('.');
  const ext = dot === -1 ? '' : path.slice(dot + 1).toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (CODE_EXTENSIONS.has(ext)) return 'code';
  if (languageId && languageId !== 'plaintext') return 'code';
  return 'plain';
}
