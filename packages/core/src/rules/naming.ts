/**
 * Profile names made from account and role names (populate's template, configure's default):
 * letters transliterated to ASCII ("Sandbox Ünïcode" -> "Sandbox-Unicode"), then every run of
 * characters outside the portable set (`A-Za-z0-9_-.@+%:/`, what both the AWS CLI and the JS SDK
 * read back in a section name, as `checkSectionName` requires) becomes one `-`, trimmed at both ends.
 */
export const DEFAULT_PROFILE_TEMPLATE = '{account_name}-{role_name}'

export const PROFILE_TEMPLATE_VARIABLES = ['account_name', 'account_id', 'role_name', 'session'] as const

// Letters NFKD does not decompose into an ASCII base letter plus marks.
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
}

/** Latin letters with accents to their ASCII letters; other scripts are left as they are. */
export function transliterate(value: string): string {
  return value
    .replace(/[ßẞæÆœŒøØđĐðÐłŁþÞı]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
}

/** Fills `{account_name}`, `{account_id}`, `{role_name}` and `{session}` and makes the result portable. */
export function profileNameFromTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole)
  return transliterate(filled)
    .replace(/[^A-Za-z0-9_\-.@+%:/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
}
