/**
 * Tables for the synthetic province generator: Vietnamese personal names, unit names, province
 * codes (DOMAIN.md §1, copied here so the generator stays an independent oracle), a comparison
 * key of its own, and TCVN3 / VNI encoders for the legacy-encoding rows it injects.
 *
 * Every table is plain data; nothing here depends on the consolidation engine.
 */

/** Province codes of Circular 07/2016 (DOMAIN.md §1). */
export const PROVINCE_CODES: readonly string[] = [
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
];

// ---------------------------------------------------------------------------------------------
// Keys

/** Remove diacritics (and đ → d), keep case. */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\u0111/g, 'd')
    .replace(/\u0110/g, 'D');
}

/**
 * The generator's own comparison key (DOMAIN.md §2 / docs/rules.md §1): no diacritics, lower
 * case, every run of non-letters/digits → one space. Used to keep unit names unambiguous.
 */
export function foldKey(s: string): string {
  return foldDiacritics(s.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Leading type words of docs/rules.md §2, as keys. */
const TYPE_WORDS = ['ubnd', 'uy ban nhan dan', 'xa', 'phuong', 'so', 'truong', 'cong ty'];

/** The key with one leading type word removed (the literal reading of docs/rules.md §2). */
export function stripOne(key: string): string {
  for (const w of TYPE_WORDS) if (key.startsWith(w + ' ')) return key.slice(w.length + 1);
  return key;
}

/** The key with every leading type word removed ("UBND xã", "Công ty", …). */
export function stripAll(key: string): string {
  let k = key;
  for (;;) {
    const next = stripOne(k);
    if (next === k) return k;
    k = next;
  }
}

/** Every key under which a unit cell could match this name (docs/rules.md §2, both readings). */
export function nameForms(name: string): string[] {
  const k = foldKey(name);
  const out = [k, stripOne(k), stripAll(k)];
  return out.filter((x, i) => x !== '' && out.indexOf(x) === i);
}

// ---------------------------------------------------------------------------------------------
// Personal names

/** Family names with rough frequencies (percent). */
export const FAMILY: readonly [string, number][] = [
  ['Nguyễn', 31],
  ['Trần', 10],
  ['Lê', 9],
  ['Phạm', 6],
  ['Hoàng', 4],
  ['Huỳnh', 1],
  ['Phan', 3],
  ['Vũ', 3],
  ['Võ', 1],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 2],
  ['Hồ', 1],
  ['Ngô', 2],
  ['Dương', 1],
  ['Lý', 1],
  ['Trịnh', 2],
  ['Đinh', 1],
  ['Lương', 1],
  ['Mai', 1],
  ['Cao', 1],
  ['Tạ', 1],
  ['Hà', 1],
  ['Lưu', 1],
  ['Tô', 1],
  ['Chu', 1],
  ['Quách', 1],
  ['Lại', 1],
  ['Nghiêm', 1],
  ['Thái', 1],
  ['Đoàn', 1],
  ['Vương', 1],
  ['Trương', 1],
  ['Lâm', 1],
  ['Kiều', 1],
  ['Đào', 1],
  ['Hứa', 1],
  ['Triệu', 1],
  ['Lò', 1],
  ['Mạc', 1],
];

/**
 * Middle names. Every one holds a Vietnamese letter outside Latin-1 (ă, đ, ư, ơ or one of
 * U+1EA0–U+1EF9), so no clean full name can be mistaken for TCVN3/VNI text, and every one has a
 * letter that NFD decomposes. 'm' male, 'f' female, 'u' both.
 */
export const MIDDLE: readonly [string, 'm' | 'f' | 'u'][] = [
  ['Văn', 'm'],
  ['Đức', 'm'],
  ['Hữu', 'm'],
  ['Quốc', 'm'],
  ['Mạnh', 'm'],
  ['Trọng', 'm'],
  ['Đình', 'm'],
  ['Thế', 'm'],
  ['Tiến', 'm'],
  ['Việt', 'm'],
  ['Đăng', 'm'],
  ['Bảo', 'u'],
  ['Hồng', 'u'],
  ['Hải', 'u'],
  ['Thị', 'f'],
  ['Ngọc', 'f'],
  ['Diệu', 'f'],
  ['Mỹ', 'f'],
  ['Phương', 'f'],
  ['Tuệ', 'f'],
  ['Kiều', 'f'],
];

/**
 * Given names, with the tone-placement variants in use (hòa/hoà, thủy/thuỷ): both spellings are
 * the same name (docs/rules.md "tone key"). Folded (diacritic-free) forms are all distinct.
 */
export const GIVEN: readonly [readonly string[], 'm' | 'f' | 'u'][] = [
  [['An'], 'm'],
  [['Bình'], 'm'],
  [['Cường'], 'm'],
  [['Dũng'], 'm'],
  [['Hùng'], 'm'],
  [['Huy'], 'm'],
  [['Khoa'], 'm'],
  [['Long'], 'm'],
  [['Minh'], 'u'],
  [['Nam'], 'm'],
  [['Phúc'], 'm'],
  [['Quân'], 'm'],
  [['Sơn'], 'm'],
  [['Thắng'], 'm'],
  [['Thành'], 'm'],
  [['Trung'], 'm'],
  [['Tuấn'], 'm'],
  [['Việt'], 'm'],
  [['Vinh'], 'm'],
  [['Hiếu'], 'm'],
  [['Hoàng'], 'm'],
  [['Khải'], 'm'],
  [['Lộc'], 'm'],
  [['Nghĩa'], 'm'],
  [['Phong'], 'm'],
  [['Tài'], 'm'],
  [['Thịnh'], 'm'],
  [['Toàn'], 'm'],
  [['Trí'], 'm'],
  [['Đạt'], 'm'],
  [['Đức'], 'm'],
  [['Kiên'], 'm'],
  [['Mạnh'], 'm'],
  [['Hải'], 'm'],
  [['Quý'], 'm'],
  [['Tùng'], 'm'],
  [['Duy'], 'm'],
  [['Hậu'], 'u'],
  [['Lực'], 'm'],
  [['Khánh'], 'u'],
  [['Tâm'], 'u'],
  [['Hòa', 'Hoà'], 'u'],
  [['Anh'], 'u'],
  [['Châu'], 'f'],
  [['Diệp'], 'f'],
  [['Hà'], 'f'],
  [['Hạnh'], 'f'],
  [['Hằng'], 'f'],
  [['Hiền'], 'f'],
  [['Hương'], 'f'],
  [['Huyền'], 'f'],
  [['Lan'], 'f'],
  [['Linh'], 'f'],
  [['Loan'], 'f'],
  [['Mai'], 'f'],
  [['Nga'], 'f'],
  [['Ngân'], 'f'],
  [['Nhung'], 'f'],
  [['Oanh'], 'f'],
  [['Phương'], 'f'],
  [['Quỳnh'], 'f'],
  [['Thảo'], 'f'],
  [['Thoa'], 'f'],
  [['Thủy', 'Thuỷ'], 'f'],
  [['Trang'], 'f'],
  [['Tuyết'], 'f'],
  [['Vân'], 'f'],
  [['Yến'], 'f'],
  [['Khuê'], 'f'],
  [['Ly'], 'f'],
  [['My'], 'f'],
  [['Nhi'], 'f'],
  [['Thư'], 'f'],
  [['Uyên'], 'f'],
  [['Xuân'], 'f'],
  [['Giang'], 'f'],
  [['Ngọc'], 'f'],
  [['Duyên'], 'f'],
  [['Liên'], 'f'],
  [['Hồng'], 'f'],
];

/** Given names used alone for the one-word NAME_FORMAT rows (each has a non-Latin-1 letter). */
export const ONE_WORD: readonly string[] = ['Dũng', 'Thắng', 'Hạnh', 'Cường', 'Hương', 'Hằng', 'Đức', 'Đạt', 'Lộc', 'Thịnh'];

export const NAME_COUNTS = { family: FAMILY.length, middle: MIDDLE.length, given: GIVEN.length };
/** Name ids: (family × MIDDLE + middle) × GIVEN + given; then one-word and legacy ids above. */
export const NAME_SPACE = FAMILY.length * MIDDLE.length * GIVEN.length;

// ---------------------------------------------------------------------------------------------
// Legacy encodings (DOMAIN.md §2): our own small tables, only for the names we inject.

const TCVN3_MAP: Record<string, string> = {
  à: '\u00b5',
  ả: '\u00b6',
  ã: '\u00b7',
  á: '\u00b8',
  ạ: '\u00b9',
  ă: '\u00a8',
  ằ: '\u00bb',
  ẳ: '\u00bc',
  ẵ: '\u00bd',
  ắ: '\u00be',
  ặ: '\u00c6',
  â: '\u00a9',
  ầ: '\u00c7',
  ẩ: '\u00c8',
  ẫ: '\u00c9',
  ấ: '\u00ca',
  ậ: '\u00cb',
  è: '\u00cc',
  ẻ: '\u00ce',
  ẽ: '\u00cf',
  é: '\u00d0',
  ẹ: '\u00d1',
  ê: '\u00aa',
  ề: '\u00d2',
  ể: '\u00d3',
  ễ: '\u00d4',
  ế: '\u00d5',
  ệ: '\u00d6',
  ì: '\u00d7',
  ỉ: '\u00d8',
  ĩ: '\u00dc',
  í: '\u00dd',
  ị: '\u00de',
  ò: '\u00df',
  ỏ: '\u00e1',
  õ: '\u00e2',
  ó: '\u00e3',
  ọ: '\u00e4',
  ô: '\u00ab',
  ồ: '\u00e5',
  ổ: '\u00e6',
  ỗ: '\u00e7',
  ố: '\u00e8',
  ộ: '\u00e9',
  ơ: '\u00ac',
  ờ: '\u00ea',
  ở: '\u00eb',
  ỡ: '\u00ec',
  ớ: '\u00ed',
  ợ: '\u00ee',
  ù: '\u00ef',
  ủ: '\u00f1',
  ũ: '\u00f2',
  ú: '\u00f3',
  ụ: '\u00f4',
  ư: '\u00ad',
  ừ: '\u00f5',
  ử: '\u00f6',
  ữ: '\u00f7',
  ứ: '\u00f8',
  ự: '\u00f9',
  ỳ: '\u00fa',
  ỷ: '\u00fb',
  ỹ: '\u00fc',
  ý: '\u00fd',
  ỵ: '\u00fe',
  đ: '\u00ae',
  Ă: '\u00a1',
  Â: '\u00a2',
  Ê: '\u00a3',
  Ô: '\u00a4',
  Ơ: '\u00a5',
  Ư: '\u00a6',
  Đ: '\u00a7',
};

/** Unicode → TCVN3 (ABC) as it shows when the bytes are read as Latin-1 (`NguyÔn V¨n Th¾ng`). */
export function encodeTcvn3(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) out += TCVN3_MAP[ch] ?? ch;
  return out;
}

// VNI Windows: base letter + modifier characters.
const VNI_TONE = { '\u0301': 'ù', '\u0300': 'ø', '\u0309': 'û', '\u0303': 'õ', '\u0323': 'ï' } as Record<string, string>;
const VNI_CIRC = { '': 'â', '\u0301': 'á', '\u0300': 'à', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' } as Record<string, string>;
const VNI_BREVE = { '': 'ê', '\u0301': 'é', '\u0300': 'è', '\u0309': 'ú', '\u0303': 'ü', '\u0323': 'ë' } as Record<string, string>;
const VNI_I = { '\u0301': 'í', '\u0300': 'ì', '\u0309': 'æ', '\u0303': 'ó', '\u0323': 'ò' } as Record<string, string>;

/** Unicode → VNI Windows as it shows when the bytes are read as Latin-1 (`Nguyeãn Vaên Thaéng`). */
export function encodeVni(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    const upper = ch !== ch.toLowerCase();
    const up = (x: string): string => (upper ? x.toUpperCase() : x);
    if (ch === 'đ' || ch === 'Đ') {
      out += up('ñ');
      continue;
    }
    const d = ch.normalize('NFD');
    const base = d[0];
    const marks = d.slice(1);
    let quality = '';
    let tone = '';
    for (const m of marks) {
      if (m === '\u0302' || m === '\u0306' || m === '\u031b') quality = m;
      else tone = m;
    }
    const lb = base.toLowerCase();
    if (quality === '\u031b') {
      out += up(lb === 'o' ? 'ô' : 'ö') + (tone ? up(VNI_TONE[tone]) : '');
    } else if (quality === '\u0302') {
      out += base + up(VNI_CIRC[tone]);
    } else if (quality === '\u0306') {
      out += base + up(VNI_BREVE[tone]);
    } else if (lb === 'i') {
      out += up(VNI_I[tone] ?? 'i');
    } else if (lb === 'y' && tone === '\u0323') {
      out += up('î');
    } else {
      out += base + (tone ? up(VNI_TONE[tone]) : '');
    }
  }
  return out;
}

/**
 * Names injected as TCVN3: chosen so the encoded text is letters only, title case (no symbol such
 * as ¨ or §, no capital such as Ô inside a word), so the row raises NAME_LEGACY_ENCODING and
 * nothing else under any reading of docs/rules.md (see docs/generator.md, "Ambiguities").
 */
export const LEGACY_TCVN3: readonly [string, 'm' | 'f'][] = [
  ['Lê Hồng Phúc', 'm'],
  ['Hồ Ngọc Tú', 'm'],
  ['Phùng Mộng Hà', 'f'],
  ['Lê Hồng Thuỷ', 'f'],
  ['Hồ Sỹ Phúc', 'm'],
];

/** Names injected as VNI (the first is DOMAIN.md's example). */
export const LEGACY_VNI: readonly [string, 'm' | 'f'][] = [
  ['Nguyễn Văn Thắng', 'm'],
  ['Trần Thị Lan', 'f'],
  ['Lê Thị Hoà', 'f'],
  ['Phạm Thị Hương', 'f'],
  ['Đỗ Văn Hùng', 'm'],
];

// ---------------------------------------------------------------------------------------------
// Unit names

/** Departments and other state bodies (Sở/ngành). `{P}` is the province name. */
export const SO_NAMES: readonly string[] = [
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Công Thương',
  'Sở Xây dựng',
  'Sở Nông nghiệp và Môi trường',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Khoa học và Công nghệ',
  'Sở Dân tộc và Tôn giáo',
  'Thanh tra tỉnh',
  'Văn phòng UBND tỉnh',
  'Văn phòng Đoàn ĐBQH và HĐND tỉnh',
  'Ban Quản lý Khu kinh tế và các khu công nghiệp',
  'Công an tỉnh',
  'Bộ Chỉ huy Quân sự tỉnh',
  'Đài Phát thanh và Truyền hình {P}',
  'Báo {P}',
  'Bảo hiểm xã hội tỉnh',
  'Thuế tỉnh {P}',
  'Thống kê tỉnh',
  'Liên đoàn Lao động tỉnh',
  'Tỉnh đoàn {P}',
  'Hội Liên hiệp Phụ nữ tỉnh',
  'Hội Nông dân tỉnh',
  'Ủy ban MTTQ Việt Nam tỉnh',
  'Ban Tổ chức Tỉnh ủy',
  'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  'Văn phòng Tỉnh ủy',
  'Ủy ban Kiểm tra Tỉnh ủy',
  'Ban Nội chính Tỉnh ủy',
  'Viện Kiểm sát nhân dân tỉnh',
  'Tòa án nhân dân tỉnh',
  'Ngân hàng Nhà nước chi nhánh {P}',
  'Kho bạc Nhà nước khu vực {P}',
  'Ban Quản lý dự án đầu tư xây dựng tỉnh',
  'Trung tâm Phục vụ hành chính công tỉnh',
  'Ban Quản lý dự án giao thông',
  'Chi cục Kiểm lâm',
  'Chi cục Thủy lợi',
  'Chi cục Thú y',
  'Quỹ Đầu tư phát triển tỉnh',
  'Trung tâm Chuyển đổi số tỉnh',
  'Trung tâm Xúc tiến đầu tư',
  'Ban Dân tộc tỉnh',
  'Vườn quốc gia Bến En',
  'Khu bảo tồn thiên nhiên Pù Luông',
];

/** The first two communes are the brief's examples; the rest are prefix × suffix. */
export const XA_FIRST: readonly string[] = ['UBND xã Yên Định', 'UBND phường Hạc Thành'];
export const XA_PREFIX: readonly string[] = [
  'Yên',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Quảng',
  'Hoằng',
  'Hà',
  'Nga',
  'Thiệu',
  'Triệu',
  'Vĩnh',
  'Thọ',
  'Xuân',
  'Ngọc',
  'Cẩm',
  'Thạch',
  'Như',
  'Lang',
  'Mường',
  'Bá',
  'Quan',
  'Tân',
  'Trung',
  'Hậu',
  'Hải',
  'Tĩnh',
  'Nông',
  'Định',
  'Thiên',
  'Hợp',
  'Minh',
];
export const XA_SUFFIX: readonly string[] = [
  'Định',
  'Sơn',
  'Phú',
  'Lộc',
  'Hòa',
  'Thành',
  'Tiến',
  'Quang',
  'Hưng',
  'Lâm',
  'Trường',
  'Bình',
  'An',
  'Thịnh',
  'Long',
  'Khê',
  'Lợi',
  'Vinh',
  'Tân',
  'Châu',
  'Hải',
  'Giang',
  'Xuyên',
  'Yên',
  'Phong',
  'Nguyên',
  'Tường',
  'Thủy',
  'Đức',
  'Lý',
];

export const TRUONG_FIRST: readonly string[] = [
  'Trường THPT Lê Lợi',
  'Trường Đại học Hồng Đức',
  'Trường THPT chuyên Lam Sơn',
  'Trường Cao đẳng Y tế {P}',
  'Trường Đại học Văn hóa, Thể thao và Du lịch {P}',
  'Trường Cao đẳng Nông Lâm',
];
export const TRUONG_LEVEL: readonly string[] = ['THPT', 'THPT', 'THCS', 'THCS', 'Tiểu học', 'Trung cấp nghề'];
export const TRUONG_NAMESAKE: readonly string[] = [
  'Đào Duy Từ',
  'Hàm Rồng',
  'Nguyễn Trãi',
  'Lê Hồng Phong',
  'Trần Phú',
  'Nguyễn Du',
  'Lý Thường Kiệt',
  'Quang Trung',
  'Bà Triệu',
  'Tô Hiến Thành',
  'Đặng Thai Mai',
  'Lê Văn Hưu',
  'Nguyễn Hoàng',
  'Trần Mai Ninh',
  'Điện Biên',
  'Chu Văn An',
  'Lê Quý Đôn',
  'Nguyễn Thị Lợi',
  'Hoàng Lệ Kha',
  'Tống Duy Tân',
  'Cầm Bá Thước',
  'Mai Anh Tuấn',
  'Nguyễn Mộng Tuân',
  'Hậu Lộc 1',
  'Hoằng Hóa 4',
  'Quảng Xương 1',
  'Thọ Xuân 5',
  'Nông Cống 2',
  'Triệu Sơn 3',
  'Như Thanh',
  'Thạch Thành 2',
  'Cẩm Thủy 1',
  'Bỉm Sơn',
  'Sầm Sơn',
  'Nghi Sơn',
  'Võ Thị Sáu',
  'Kim Đồng',
  'Lê Đình Chinh',
  'Nguyễn Văn Trỗi',
  'Phan Chu Trinh',
];

export const DN_FIRST: readonly string[] = ['Công ty CP May Nam Sơn'];
export const DN_FORM: readonly string[] = ['CP', 'TNHH', 'TNHH MTV', 'CP'];
export const DN_SECTOR: readonly string[] = [
  'May',
  'Xi măng',
  'Mía đường',
  'Giày da',
  'Thực phẩm',
  'Vận tải',
  'Xây dựng',
  'Chế biến gỗ',
  'Thủy sản',
  'Dược phẩm',
  'Bia',
  'Nhựa',
  'Điện tử',
  'Cơ khí',
  'Phân bón',
  'Du lịch',
];
export const DN_PLACE: readonly string[] = [
  'Nam Sơn',
  'Lam Sơn',
  'Nghi Sơn',
  'Bỉm Sơn',
  'Hà Trung',
  'Sông Mã',
  'Hàm Rồng',
  'Sầm Sơn',
  'Tĩnh Gia',
  'Hoằng Hóa',
  'Quảng Xương',
  'Thiệu Hóa',
  'Việt Thanh',
  'Hoàng Long',
  'Phú Sơn',
  'Đông Á',
];
export const HTX_PREFIX: readonly string[] = ['Hợp tác xã Nông nghiệp', 'Hợp tác xã Dịch vụ', 'Hợp tác xã Thủy sản'];

export const KHAC_NAMES: readonly string[] = [
  'Hội Cựu chiến binh tỉnh',
  'Hội Chữ thập đỏ tỉnh',
  'Liên minh Hợp tác xã tỉnh',
  'Hội Người cao tuổi tỉnh',
  'Thư viện tỉnh',
  'Bảo tàng tỉnh',
  'Hội Khuyến học tỉnh',
  'Hội Nhà báo tỉnh',
  'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
  'Hội Luật gia tỉnh',
  'Hội Văn học nghệ thuật tỉnh',
  'Hội Doanh nhân trẻ tỉnh',
  'Hội Người mù tỉnh',
  'Quỹ Bảo trợ trẻ em tỉnh',
  'Hội Làm vườn tỉnh',
];

/** Unit names that are not in any registry (districts were abolished in 2025). */
export const UNKNOWN_UNITS: readonly string[] = [
  'Phòng Giáo dục và Đào tạo huyện Yên Định',
  'Phòng Văn hóa - Thông tin huyện Hoằng Hóa',
  'UBND huyện Thọ Xuân',
  'Trung tâm Y tế huyện Nga Sơn',
  'Hội Nông dân huyện Hà Trung',
];

// ---------------------------------------------------------------------------------------------
// Other cell values

export const DEPARTMENTS: Record<'SO_NGANH' | 'UBND_XA' | 'TRUONG' | 'DOANH_NGHIEP' | 'KHAC', readonly string[]> = {
  SO_NGANH: [
    'Văn phòng',
    'Phòng Kế hoạch - Tài chính',
    'Phòng Tổ chức cán bộ',
    'Thanh tra',
    'Phòng Nghiệp vụ 1',
    'Phòng Nghiệp vụ 2',
    'Phòng Pháp chế',
    'Trung tâm trực thuộc',
  ],
  UBND_XA: [
    'Văn phòng HĐND và UBND',
    'Phòng Kinh tế',
    'Phòng Văn hóa - Xã hội',
    'Thôn 1',
    'Thôn 2',
    'Thôn 3',
    'Thôn Đông',
    'Thôn Tây',
    'Khu phố 1',
    'Khu phố 2',
    'Khu phố 5',
    'Trung tâm Phục vụ hành chính công',
  ],
  TRUONG: [
    'Lớp 10A1',
    'Lớp 10A2',
    'Lớp 11B1',
    'Lớp 11B3',
    'Lớp 12C2',
    'Lớp 9A',
    'Tổ Toán - Tin',
    'Tổ Ngữ văn',
    'Tổ Văn phòng',
    'Khoa Công nghệ thông tin',
    'Khoa Kinh tế',
  ],
  DOANH_NGHIEP: ['Phân xưởng 1', 'Phân xưởng 2', 'Phòng Kỹ thuật', 'Phòng Hành chính - Nhân sự', 'Tổ sản xuất 3', 'Phòng Kinh doanh', 'Kho vận'],
  KHAC: ['Văn phòng', 'Ban Thường vụ', 'Chi hội 1', 'Chi hội 2', 'Phòng Nghiệp vụ'],
};

export const PROGRAMS: readonly string[] = [
  'Kỹ năng số cơ bản',
  'Kỹ năng số cơ bản',
  'Chuyển đổi số cho cán bộ, công chức',
  'Dịch vụ công trực tuyến',
  'An toàn thông tin cá nhân',
  'Ứng dụng trí tuệ nhân tạo trong công việc',
  '',
];

export const COURSES: readonly string[] = [
  'Kỹ năng số cơ bản',
  'Chuyển đổi số cho cán bộ, công chức',
  'Ứng dụng trí tuệ nhân tạo trong công việc',
  'Dịch vụ công trực tuyến',
];
