/**
 * Text encodings an imported text file may be read in: Unicode, then the legacy code pages that spreadsheets and
 * editors still write (names as the WHATWG Encoding Standard and iconv-lite spell them).
 */
export const textEncodings = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'windows-1250',
  'iso-8859-2',
  'windows-1251',
  'koi8-r',
  'windows-1253',
  'windows-1254',
  'iso-8859-9',
  'windows-1257',
  'macintosh',
  'shift_jis',
  'euc-jp',
  'gb18030',
  'big5',
  'euc-kr',
] as const
export type TextEncodingName = (typeof textEncodings)[number]
