// The namespaces and content types the tests' hand-written workbook parts use.
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const DML = 'http://schemas.openxmlformats.org/drawingml/2006/main';
/** A SpreadsheetML part's content type: `T('worksheet')`. */
export const T = (type: string) => `application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml`;

/**
 * The parts of a workbook with one worksheet, 工资 (`xl/worksheets/sheet1.xml`), but the sheet's
 * own: the content types, the package's relationships, the workbook and its relationships.
 * `related`: the parts the workbook relates to besides the sheet, by relationship type and target
 * under `xl/` (their content type is T(type)); `others`: the content types of other parts.
 */
export function oneSheetBook({ related = [], others = [], sheetId = 1 }: { related?: [type: string, target: string][]; others?: [part: string, type: string][]; sheetId?: number } = {}): [string, string][] {
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${T(type)}"/>`;
  const types = [override('/xl/workbook.xml', 'sheet.main'), override('/xl/worksheets/sheet1.xml', 'worksheet'), ...related.map(([type, target]) => override(`/xl/${target}`, type)), ...others.map(([part, type]) => override(part, type))];
  const rels = related.map(([type, target], i) => `<Relationship Id="r${i + 2}" Type="${REL}/${type}" Target="${target}"/>`);
  return [
    ['[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${types.join('')}</Types>`],
    ['_rels/.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="工资" sheetId="${sheetId}" r:id="r1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${rels.join('')}</Relationships>`],
  ];
}
