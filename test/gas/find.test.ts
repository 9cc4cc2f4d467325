/** One sheet lookup for the add-on (src/gas/find.ts): exact name first, then the core's matchKey. */
import { findSheet } from '../../src/gas/find';
import { gasEnv, resetGlobals } from './helpers';

afterEach(() => resetGlobals());

describe('findSheet', () => {
  it('finds a sheet by its exact name, else by a name that differs only in case, accents, spacing', () => {
    const env = gasEnv();
    env.menu(() => {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      ss.insertSheet('  NHẬT KÝ GỬI THƯ ');
      const config = ss.insertSheet('Cấu hình');
      expect(findSheet(ss, 'Cấu hình')).toBe(config);
      expect(findSheet(ss, 'Nhật ký gửi thư')!.getName()).toBe('  NHẬT KÝ GỬI THƯ ');
      expect(findSheet(ss, 'Đơn vị')).toBeNull();
      // the exact name wins over a sheet that only matches by key
      const exact = ss.insertSheet('Nhật ký gửi thư');
      expect(findSheet(ss, 'Nhật ký gửi thư')).toBe(exact);
    });
  });
});
