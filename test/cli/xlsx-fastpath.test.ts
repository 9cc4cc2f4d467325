/**
 * The writer's fast path (rows without a style callback, written as bytes) gives exactly the XML of
 * its general path (a style callback that styles nothing takes the general path).
 */
import { unzipSync } from 'fflate';
import fc from 'fast-check';
import type { Cell } from '../../src/core/types';
import { writeXlsx } from '../../src/cli/xlsx/write';

const sheetXml = (x: Uint8Array) => Buffer.from(unzipSync(x)['xl/worksheets/sheet1.xml']).toString('utf8');

const cell = fc.oneof(
  fc.constantFrom<Cell>(
    '',
    null,
    'Nguyễn Văn Ấn',
    'a&b<c>"',
    ' lead',
    'trail ',
    'x_x000D_y',
    'dòng 1\r\ndòng 2',
    '\u0001',
    '😀',
    '\uD800',
    '\uDC00x',
    'é\u07FF\u0800\uFFFD',
    'x\uFFFE',
    'tab\there\nLF',
    'a_b',
    '038123456789',
    true,
    false,
    0,
    -3.5,
    Infinity,
    NaN,
  ),
  fc.string(),
  // any code point, lone surrogates included (the fast path encodes UTF-8 itself)
  fc.string({ unit: 'binary' }),
  fc.double(),
  fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)) }),
  fc.constant<Cell>(new Date(NaN)),
);

test('fast path = general path, byte for byte, for any row of any values (text columns, row heights, long texts)', () => {
  fc.assert(
    fc.property(fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 40 }), fc.boolean(), (rows, text) => {
      rows.push(['ễ'.repeat(40_000), 'a'.repeat(33_000)]);
      const base = { name: 'A', rows, textColumns: text ? [1, 3] : [], rowHeights: [undefined, 30, 22.5] as number[] };
      const fast = sheetXml(writeXlsx({ sheets: [base] }));
      const general = sheetXml(writeXlsx({ sheets: [{ ...base, styles: () => undefined }] }));
      expect(fast).toBe(general);
    }),
    { numRuns: 60 },
  );
});
