// The namespaces and content types the tests' hand-written workbook parts use.
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const DML = 'http://schemas.openxmlformats.org/drawingml/2006/main';
/** A SpreadsheetML part's content type: `T('worksheet')`. */
export const T = (type: string) => `application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml`;
