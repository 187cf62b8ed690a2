/**
 * Tentative return types PHP 8.1 added to internal classes and interfaces (RFC "Add return type declarations for
 * internal methods"): a user method overriding one without a compatible return type and without
 * `#[\ReturnTypeWillChange]` raises a deprecation on 8.1+ (a fatal error once they become real types).
 * Keys: lower-case class/interface name → lower-case method → return type. The commonly extended ones.
 */
const table: Record<string, Record<string, string>> = {
  arrayaccess: { offsetexists: 'bool', offsetget: 'mixed', offsetset: 'void', offsetunset: 'void' },
  iterator: { current: 'mixed', next: 'void', key: 'mixed', valid: 'bool', rewind: 'void' },
  iteratoraggregate: { getiterator: 'Traversable' },
  countable: { count: 'int' },
  jsonserializable: { jsonserialize: 'mixed' },
  seekableiterator: { seek: 'void' },
  recursiveiterator: { haschildren: 'bool', getchildren: '?RecursiveIterator' },
  outeriterator: { getinneriterator: '?Iterator' },
  filteriterator: { accept: 'bool' },
  recursivefilteriterator: { haschildren: 'bool', getchildren: '?RecursiveFilterIterator' },
  iteratoriterator: {
    current: 'mixed',
    key: 'mixed',
    next: 'void',
    rewind: 'void',
    valid: 'bool',
    getinneriterator: '?Iterator',
  },
  arrayiterator: {
    current: 'mixed',
    key: 'string|int|null',
    next: 'void',
    rewind: 'void',
    valid: 'bool',
    count: 'int',
    offsetexists: 'bool',
    offsetget: 'mixed',
    offsetset: 'void',
    offsetunset: 'void',
    getarraycopy: 'array',
  },
  arrayobject: {
    offsetexists: 'bool',
    offsetget: 'mixed',
    offsetset: 'void',
    offsetunset: 'void',
    count: 'int',
    getiterator: 'Iterator',
    getarraycopy: 'array',
    append: 'void',
    exchangearray: 'array',
  },
  splobserver: { update: 'void' },
  splsubject: { attach: 'void', detach: 'void', notify: 'void' },
  sessionhandlerinterface: {
    open: 'bool',
    close: 'bool',
    read: 'string|false',
    write: 'bool',
    destroy: 'bool',
    gc: 'int|false',
  },
  sessionhandler: {
    open: 'bool',
    close: 'bool',
    read: 'string|false',
    write: 'bool',
    destroy: 'bool',
    gc: 'int|false',
    create_sid: 'string',
  },
  sessionidinterface: { create_sid: 'string' },
  sessionupdatetimestamphandlerinterface: { validateid: 'bool', updatetimestamp: 'bool' },
  php_user_filter: { filter: 'int', oncreate: 'bool', onclose: 'void' },
  datetime: {
    format: 'string',
    modify: 'DateTime|false',
    settimezone: 'DateTime',
    settime: 'DateTime',
    setdate: 'DateTime',
    settimestamp: 'DateTime',
    gettimestamp: 'int',
    gettimezone: 'DateTimeZone|false',
    getoffset: 'int',
    add: 'DateTime',
    sub: 'DateTime',
    diff: 'DateInterval',
    __wakeup: 'void',
  },
  datetimezone: { getname: 'string', getoffset: 'int' },
  splobjectstorage: {
    attach: 'void',
    detach: 'void',
    contains: 'bool',
    count: 'int',
    current: 'object',
    key: 'int',
    next: 'void',
    rewind: 'void',
    valid: 'bool',
  },
  splfileinfo: { getfilename: 'string', getpathname: 'string', getextension: 'string', __tostring: 'string' },
  filesystemiterator: { current: 'string|SplFileInfo|FilesystemIterator', key: 'string' },
  recursiveiteratoriterator: {
    current: 'mixed',
    key: 'mixed',
    next: 'void',
    rewind: 'void',
    valid: 'bool',
    callhaschildren: 'bool',
    callgetchildren: '?RecursiveIterator',
  },
};

/** The tentative return type of `method` on the internal `className`, when PHP declares one. */
export function tentativeReturnType(className: string, method: string): string | undefined {
  const methods = table[(className.startsWith('\\') ? className.slice(1) : className).toLowerCase()];
  return methods?.[method.toLowerCase()];
}

export function hasTentativeTypes(className: string): boolean {
  return Object.hasOwn(table, (className.startsWith('\\') ? className.slice(1) : className).toLowerCase());
}
