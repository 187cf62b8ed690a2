/**
 * Internal functions whose parameters do not accept null. PHP 8.1 deprecated passing null to non-nullable scalar
 * parameters of internal functions (it used to coerce to '' / 0); array and object parameters have thrown TypeError
 * since 8.0. Positions are 0-based. A curated table of the functions Magento code calls most, from php.net signatures.
 */
export interface NullSensitiveFunction {
  /** Parameter positions that reject null. */
  positions: number[];
  /** `8.1`: deprecation (null coerced, notice); `8.0`: TypeError. */
  since: '8.0' | '8.1';
}

const scalar = (...positions: number[]): NullSensitiveFunction => ({ positions, since: '8.1' });
const array = (...positions: number[]): NullSensitiveFunction => ({ positions, since: '8.0' });

const table: Record<string, NullSensitiveFunction> = {
  strlen: scalar(0),
  str_replace: scalar(0, 1, 2),
  str_ireplace: scalar(0, 1, 2),
  trim: scalar(0),
  ltrim: scalar(0),
  rtrim: scalar(0),
  htmlspecialchars: scalar(0),
  htmlspecialchars_decode: scalar(0),
  htmlentities: scalar(0),
  html_entity_decode: scalar(0),
  strip_tags: scalar(0),
  addslashes: scalar(0),
  stripslashes: scalar(0),
  nl2br: scalar(0),
  explode: scalar(0, 1),
  strpos: scalar(0, 1),
  stripos: scalar(0, 1),
  strrpos: scalar(0, 1),
  strstr: scalar(0, 1),
  stristr: scalar(0, 1),
  str_contains: scalar(0, 1),
  str_starts_with: scalar(0, 1),
  str_ends_with: scalar(0, 1),
  substr: scalar(0),
  substr_count: scalar(0, 1),
  strtolower: scalar(0),
  strtoupper: scalar(0),
  ucfirst: scalar(0),
  lcfirst: scalar(0),
  ucwords: scalar(0),
  str_pad: scalar(0),
  str_repeat: scalar(0),
  str_split: scalar(0),
  strcmp: scalar(0, 1),
  strcasecmp: scalar(0, 1),
  strncmp: scalar(0, 1),
  strncasecmp: scalar(0, 1),
  urlencode: scalar(0),
  urldecode: scalar(0),
  rawurlencode: scalar(0),
  rawurldecode: scalar(0),
  base64_encode: scalar(0),
  base64_decode: scalar(0),
  md5: scalar(0),
  sha1: scalar(0),
  crc32: scalar(0),
  hash: scalar(0, 1),
  json_decode: scalar(0),
  preg_match: scalar(0, 1),
  preg_match_all: scalar(0, 1),
  preg_replace: scalar(0, 1, 2),
  preg_split: scalar(0, 1),
  preg_quote: scalar(0),
  mb_strlen: scalar(0),
  mb_substr: scalar(0),
  mb_strtolower: scalar(0),
  mb_strtoupper: scalar(0),
  mb_strpos: scalar(0, 1),
  sprintf: scalar(0),
  number_format: scalar(0),
  round: scalar(0),
  strtotime: scalar(0),
  date: scalar(0),
  ctype_digit: scalar(0),
  count: array(0),
  sizeof: array(0),
  array_merge: array(0, 1, 2, 3, 4, 5),
  array_keys: array(0),
  array_values: array(0),
  array_filter: array(0),
  array_map: array(1),
  array_key_exists: array(1),
  in_array: array(1),
  array_search: array(1),
};

export function nullSensitiveFunction(name: string): NullSensitiveFunction | undefined {
  const key = name.toLowerCase();
  const entry = Object.hasOwn(table, key) ? table[key] : undefined;
  return entry && entry.positions.length > 0 ? entry : undefined;
}
