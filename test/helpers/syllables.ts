/**
 * Vietnamese syllables for the property tests of text.ts and legacy.ts: the initial consonants,
 * the vowels, and the spelling rules that say which initial may stand before a rhyme (each test
 * keeps its own list of rhymes).
 */
export const INITIALS = [
  '',
  'b',
  'c',
  'ch',
  'd',
  'đ',
  'g',
  'gh',
  'gi',
  'h',
  'k',
  'kh',
  'l',
  'm',
  'n',
  'ng',
  'ngh',
  'nh',
  'ph',
  'qu',
  'r',
  's',
  't',
  'th',
  'tr',
  'v',
  'x',
];

const VOWELS = 'aăâeêioôơuưy';
/** Spelling rules: c/k, g/gh, ng/ngh before front vowels; gi and qu as initials. */
export function validCombo(initial: string, rhyme: string): boolean {
  const r = rhyme.replace('*', '');
  const f = r[0];
  const front = 'eêiy'.includes(f);
  switch (initial) {
    case 'c':
      return !front;
    case 'k':
      return front;
    case 'gh':
    case 'ngh':
      return 'eêi'.includes(f);
    case 'g':
      return !'eê'.includes(f) && !(f === 'i' && VOWELS.includes(r[1] ?? '')); // g + iV is gi + V
    case 'ng':
      return !'eêi'.includes(f);
    case 'gi':
      return f !== 'i';
    case 'qu':
      return !'uoư'.includes(f);
    default:
      return true;
  }
}
