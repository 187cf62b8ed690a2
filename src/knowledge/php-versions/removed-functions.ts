/**
 * Functions PHP deprecated or removed, from the php.net migration guides (Backward incompatible changes / Deprecated
 * features, 7.0 … 8.5). `removed` may mean "moved to PECL" (the extension left the core distribution).
 */
export interface FunctionLifecycle {
  deprecated?: string;
  removed?: string;
  /** What to use instead. */
  replacement: string;
  /** Only deprecated/removed when called with this many arguments (e.g. `get_class()` without argument). */
  argCount?: number;
}

const table: Record<string, FunctionLifecycle> = {
  // 7.0
  ereg: { deprecated: '5.3', removed: '7.0', replacement: 'preg_match()' },
  eregi: { deprecated: '5.3', removed: '7.0', replacement: 'preg_match() with the i modifier' },
  ereg_replace: { deprecated: '5.3', removed: '7.0', replacement: 'preg_replace()' },
  eregi_replace: { deprecated: '5.3', removed: '7.0', replacement: 'preg_replace() with the i modifier' },
  split: { deprecated: '5.3', removed: '7.0', replacement: 'explode() or preg_split()' },
  spliti: { deprecated: '5.3', removed: '7.0', replacement: 'preg_split() with the i modifier' },
  sql_regcase: { deprecated: '5.3', removed: '7.0', replacement: 'preg_* functions' },
  call_user_method: { deprecated: '4.1', removed: '7.0', replacement: 'call_user_func([$object, $method])' },
  call_user_method_array: {
    deprecated: '4.1',
    removed: '7.0',
    replacement: 'call_user_func_array([$object, $method], $args)',
  },
  set_magic_quotes_runtime: { deprecated: '5.3', removed: '7.0', replacement: 'nothing (magic quotes are gone)' },
  magic_quotes_runtime: { deprecated: '5.3', removed: '7.0', replacement: 'nothing (magic quotes are gone)' },
  set_socket_blocking: { deprecated: '5.4', removed: '7.0', replacement: 'stream_set_blocking()' },
  // 7.2 (mcrypt left the core in 7.2; see the prefix table)
  // 8.0
  each: { deprecated: '7.2', removed: '8.0', replacement: 'foreach' },
  create_function: { deprecated: '7.2', removed: '8.0', replacement: 'an anonymous function (closure)' },
  money_format: { deprecated: '7.4', removed: '8.0', replacement: 'NumberFormatter::formatCurrency()' },
  hebrevc: { deprecated: '7.4', removed: '8.0', replacement: 'nl2br(hebrev($text))' },
  convert_cyr_string: { deprecated: '7.4', removed: '8.0', replacement: 'mb_convert_encoding() or iconv()' },
  ezmlm_hash: { deprecated: '7.4', removed: '8.0', replacement: 'nothing (obsolete)' },
  restore_include_path: { deprecated: '7.4', removed: '8.0', replacement: "ini_restore('include_path')" },
  get_magic_quotes_gpc: { deprecated: '7.4', removed: '8.0', replacement: 'false (magic quotes are gone)' },
  get_magic_quotes_runtime: { deprecated: '7.4', removed: '8.0', replacement: 'false (magic quotes are gone)' },
  fgetss: { deprecated: '7.3', removed: '8.0', replacement: 'fgets() with strip_tags()' },
  gzgetss: { deprecated: '7.3', removed: '8.0', replacement: 'gzgets() with strip_tags()' },
  is_real: { deprecated: '7.4', removed: '8.0', replacement: 'is_float()' },
  image2wbmp: { deprecated: '7.3', removed: '8.0', replacement: 'imagewbmp()' },
  png2wbmp: { deprecated: '7.2', removed: '8.0', replacement: 'imagecreatefrompng() + imagewbmp()' },
  jpeg2wbmp: { deprecated: '7.2', removed: '8.0', replacement: 'imagecreatefromjpeg() + imagewbmp()' },
  read_exif_data: { deprecated: '7.2', removed: '8.0', replacement: 'exif_read_data()' },
  gmp_random: { deprecated: '7.2', removed: '8.0', replacement: 'gmp_random_bits() or gmp_random_range()' },
  ldap_sort: { deprecated: '7.0', removed: '8.0', replacement: 'sort the results in PHP' },
  ldap_control_paged_result: { deprecated: '7.4', removed: '8.0', replacement: 'ldap_search() with controls' },
  ldap_control_paged_result_response: {
    deprecated: '7.4',
    removed: '8.0',
    replacement: 'ldap_parse_result() with controls',
  },
  mbregex_encoding: { deprecated: '7.3', removed: '8.0', replacement: 'mb_regex_encoding()' },
  libxml_disable_entity_loader: {
    deprecated: '8.0',
    replacement: 'nothing (external entities are off by default since libxml 2.9)',
  },
  zip_open: { deprecated: '8.0', replacement: 'ZipArchive' },
  zip_read: { deprecated: '8.0', replacement: 'ZipArchive' },
  zip_close: { deprecated: '8.0', replacement: 'ZipArchive' },
  zip_entry_read: { deprecated: '8.0', replacement: 'ZipArchive' },
  zip_entry_name: { deprecated: '8.0', replacement: 'ZipArchive' },
  openssl_pkey_free: { deprecated: '8.0', replacement: 'nothing (keys are freed automatically)' },
  openssl_free_key: { deprecated: '8.0', replacement: 'nothing (keys are freed automatically)' },
  openssl_x509_free: { deprecated: '8.0', replacement: 'nothing (certificates are freed automatically)' },
  // 8.1
  strftime: { deprecated: '8.1', replacement: 'IntlDateFormatter or DateTime::format()' },
  gmstrftime: { deprecated: '8.1', replacement: 'IntlDateFormatter or DateTime::format()' },
  strptime: { deprecated: '8.1', replacement: 'date_parse_from_format() or IntlDateFormatter::parse()' },
  date_sunrise: { deprecated: '8.1', replacement: 'date_sun_info()' },
  date_sunset: { deprecated: '8.1', replacement: 'date_sun_info()' },
  mhash: { deprecated: '8.1', replacement: 'hash()' },
  mhash_count: { deprecated: '8.1', replacement: 'hash_algos()' },
  mhash_get_block_size: { deprecated: '8.1', replacement: 'hash functions' },
  mhash_get_hash_name: { deprecated: '8.1', replacement: 'hash_algos()' },
  mhash_keygen_s2k: { deprecated: '8.1', replacement: 'hash_pbkdf2()' },
  odbc_result_all: { deprecated: '8.1', replacement: 'a loop over odbc_fetch_array()' },
  // 8.2
  utf8_encode: { deprecated: '8.2', replacement: "mb_convert_encoding($s, 'UTF-8', 'ISO-8859-1')" },
  utf8_decode: { deprecated: '8.2', replacement: "mb_convert_encoding($s, 'ISO-8859-1', 'UTF-8')" },
  // 8.3
  get_class: { deprecated: '8.3', argCount: 0, replacement: 'self::class (or static::class)' },
  get_parent_class: { deprecated: '8.3', argCount: 0, replacement: 'parent::class' },
  assert_options: { deprecated: '8.3', replacement: 'ini_set() of the zend.assertions / assert.* settings' },
  // 8.4
  mysqli_ping: {
    deprecated: '8.4',
    replacement: 'nothing (reconnect is gone since 8.2): handle the error of the next query',
  },
  mysqli_refresh: { deprecated: '8.4', replacement: 'FLUSH SQL statements' },
  mysqli_kill: { deprecated: '8.4', replacement: 'a KILL SQL statement' },
  lcg_value: { deprecated: '8.4', replacement: '(new \\Random\\Randomizer())->getFloat(0, 1)' },
  xml_set_object: {
    deprecated: '8.4',
    replacement: 'pass callables (e.g. [$object, "method"]) to the xml_set_*_handler functions',
  },
  // 8.5 (php.net's 8.5 migration guide / NEWS: no-ops since the resource-to-object conversions of 8.0)
  curl_close: { deprecated: '8.5', replacement: 'nothing: the CurlHandle is freed when unset (or set to null)' },
  curl_share_close: { deprecated: '8.5', replacement: 'nothing: the CurlShareHandle is freed when unset' },
  finfo_close: { deprecated: '8.5', replacement: 'nothing: the finfo object is freed when unset' },
  xml_parser_free: { deprecated: '8.5', replacement: 'nothing: the XMLParser is freed when unset' },
  imagedestroy: { deprecated: '8.5', replacement: 'nothing: the GdImage is freed when unset' },
};

/** Whole function families that left the core distribution with their extension. */
const PREFIXES: [prefix: string, lifecycle: FunctionLifecycle][] = [
  ['mysql_', { deprecated: '5.5', removed: '7.0', replacement: 'mysqli or PDO (Magento: its DB adapter)' }],
  [
    'mcrypt_',
    {
      deprecated: '7.1',
      removed: '7.2',
      replacement: 'openssl_* or sodium_* (Magento: Magento\\Framework\\Encryption)',
    },
  ],
  ['mdecrypt_', { deprecated: '7.1', removed: '7.2', replacement: 'openssl_* or sodium_*' }],
  ['mbereg', { deprecated: '7.3', removed: '8.0', replacement: 'the mb_ereg* functions' }],
  ['xmlrpc_', { removed: '8.0', replacement: 'a userland XML-RPC library (the extension moved to PECL)' }],
  ['imap_', { removed: '8.4', replacement: 'a userland IMAP library (the extension moved to PECL)' }],
  ['pspell_', { removed: '8.4', replacement: 'the PECL pspell extension or another spell checker' }],
];

/** Lifecycle of a global function (lower-case name), when PHP deprecated or removed it. */
export function functionLifecycle(name: string): FunctionLifecycle | undefined {
  const key = name.toLowerCase();
  if (Object.hasOwn(table, key)) return table[key];
  if (key.startsWith('mysqli_')) return undefined;
  return PREFIXES.find(([prefix]) => key.startsWith(prefix))?.[1];
}
