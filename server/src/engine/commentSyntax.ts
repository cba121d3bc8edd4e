/** How to write a comment at the end of a line, for `sdguard-ignore-line`. */
export interface CommentSyntax {
  open: string;
  close?: string;
}

const slashes: CommentSyntax = { open: '//' };
const hash: CommentSyntax = { open: '#' };
const dashes: CommentSyntax = { open: '--' };
const html: CommentSyntax = { open: '<!--', close: '-->' };
const block: CommentSyntax = { open: '/*', close: '*/' };

const byLanguage: Record<string, CommentSyntax> = {};
for (const id of 'javascript javascriptreact typescript typescriptreact java kotlin scala groovy go rust c cpp csharp swift objective-c objective-cpp php dart jsonc json5 fsharp vue svelte less scss proto'.split(' ')) byLanguage[id] = slashes;
for (const id of 'python ruby perl r shellscript yaml toml dockerfile makefile powershell properties ini dotenv elixir coffeescript julia nim graphql'.split(' ')) byLanguage[id] = hash;
for (const id of 'sql lua haskell elm'.split(' ')) byLanguage[id] = dashes;
for (const id of 'html xml markdown vue-html svg'.split(' ')) byLanguage[id] = html;
byLanguage.css = block;

const byExtension: Record<string, string> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact', ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  java: 'java', kt: 'kotlin', go: 'go', rs: 'rust', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', cs: 'csharp', swift: 'swift', php: 'php', dart: 'dart',
  py: 'python', rb: 'ruby', pl: 'perl', r: 'r', sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', yaml: 'yaml', yml: 'yaml', toml: 'toml',
  ps1: 'powershell', properties: 'properties', ini: 'ini', env: 'dotenv', sql: 'sql', lua: 'lua', hs: 'haskell', html: 'html', htm: 'html', xml: 'xml',
  md: 'markdown', css: 'css', scss: 'scss', less: 'less', vue: 'vue', jsonc: 'jsonc',
};

/**
 * The comment syntax for a language id (VS Code's) or, failing that, a file extension.
 * Undefined where the format has no comments (CSV, TSV, plain text, JSON).
 */
export function commentSyntaxFor(languageId: string | undefined, path: string): CommentSyntax | undefined {
  if (languageId && byLanguage[languageId]) return byLanguage[languageId];
  const dot = path.lastIndexOf('.');
  const lang = dot === -1 ? undefined : byExtension[path.slice(dot + 1).toLowerCase()];
  return lang ? byLanguage[lang] : undefined;
}
