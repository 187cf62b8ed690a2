/**
 * Classes and interfaces PHP itself (core and the extensions Magento requires or commonly meets) declares. The symbol
 * index covers Composer packages only, so these names are known here instead: a reference to one is never "missing".
 * Lower-case, no leading backslash.
 */
const NAMES = `
stdClass Closure Generator WeakMap WeakReference Fiber Attribute ReturnTypeWillChange AllowDynamicProperties
SensitiveParameter SensitiveParameterValue Override Deprecated __PHP_Incomplete_Class Directory php_user_filter
Throwable Exception ErrorException Error TypeError ValueError ArithmeticError DivisionByZeroError ArgumentCountError
CompileError ParseError UnhandledMatchError AssertionError FiberError JsonException
LogicException BadFunctionCallException BadMethodCallException DomainException InvalidArgumentException LengthException
OutOfRangeException RuntimeException OutOfBoundsException OverflowException RangeException UnderflowException
UnexpectedValueException
Traversable Iterator IteratorAggregate ArrayAccess Countable Serializable Stringable JsonSerializable UnitEnum BackedEnum
DateTime DateTimeImmutable DateTimeInterface DateTimeZone DateInterval DatePeriod
ArrayObject ArrayIterator RecursiveArrayIterator SplObjectStorage SplQueue SplStack SplDoublyLinkedList SplFixedArray
SplHeap SplMinHeap SplMaxHeap SplPriorityQueue SplFileInfo SplFileObject SplTempFileObject SplObserver SplSubject
DirectoryIterator FilesystemIterator RecursiveDirectoryIterator GlobIterator RecursiveIteratorIterator IteratorIterator
FilterIterator CallbackFilterIterator RecursiveCallbackFilterIterator RecursiveFilterIterator ParentIterator LimitIterator
CachingIterator RecursiveCachingIterator NoRewindIterator AppendIterator InfiniteIterator RegexIterator
RecursiveRegexIterator EmptyIterator RecursiveTreeIterator MultipleIterator OuterIterator RecursiveIterator SeekableIterator
PDO PDOStatement PDOException PDORow
DOMDocument DOMElement DOMNode DOMXPath DOMNodeList DOMAttr DOMText DOMComment DOMException DOMImplementation
DOMDocumentFragment DOMCharacterData DOMCdataSection DOMNamedNodeMap DOMProcessingInstruction DOMEntityReference
DOMDocumentType DOMEntity DOMNotation DOMParentNode DOMChildNode DOMNameSpaceNode
SimpleXMLElement SimpleXMLIterator XMLReader XMLWriter XSLTProcessor XMLParser LibXMLError
ReflectionClass ReflectionMethod ReflectionProperty ReflectionFunction ReflectionFunctionAbstract ReflectionParameter
ReflectionNamedType ReflectionException ReflectionObject ReflectionType ReflectionUnionType ReflectionIntersectionType
Reflector ReflectionEnum ReflectionEnumBackedCase ReflectionEnumUnitCase ReflectionAttribute ReflectionClassConstant
ReflectionGenerator ReflectionExtension ReflectionReference ReflectionFiber
SoapClient SoapFault SoapServer SoapHeader SoapParam SoapVar ZipArchive CURLFile CURLStringFile CurlHandle CurlMultiHandle
CurlShareHandle finfo GdImage GdFont HashContext OpenSSLCertificate OpenSSLCertificateSigningRequest OpenSSLAsymmetricKey
SodiumException GMP DeflateContext InflateContext
IntlDateFormatter NumberFormatter Collator Locale Normalizer MessageFormatter Transliterator IntlException IntlTimeZone
IntlCalendar IntlGregorianCalendar ResourceBundle Spoofchecker IntlBreakIterator IntlRuleBasedBreakIterator
IntlCodePointBreakIterator IntlPartsIterator IntlIterator IntlChar UConverter IntlDatePatternGenerator
mysqli mysqli_result mysqli_stmt mysqli_sql_exception mysqli_driver mysqli_warning
SessionHandler SessionHandlerInterface SessionIdInterface SessionUpdateTimestampHandlerInterface
Random\\Randomizer Random\\Engine Random\\CryptoSafeEngine Random\\Engine\\Mt19937 Random\\Engine\\Secure
Random\\RandomException Random\\RandomError Random\\BrokenRandomEngineError
FTP\\Connection PgSql\\Connection PgSql\\Result Socket AddressInfo
`;

export const PHP_INTERNAL_CLASSES: ReadonlySet<string> = new Set(
  NAMES.split(/\s+/)
    .filter(Boolean)
    .map((name) => name.replace(/\\\\/g, '\\').toLowerCase()),
);

export function isPhpInternalClass(name: string): boolean {
  return PHP_INTERNAL_CLASSES.has((name.startsWith('\\') ? name.slice(1) : name).toLowerCase());
}

// Non-private properties PHP's own classes declare (php-src stubs), for the rules that ask "does any class in the
// hierarchy declare $x?". Only what is listed is known: any other internal class answers undefined ("cannot tell"),
// so a rule stays silent rather than call a property of, say, DOMDocument dynamic.
const THROWABLE_PROPERTIES = ['message', 'code', 'file', 'line'];
const PROPERTIES: ReadonlyMap<string, readonly string[]> = new Map([
  ['errorexception', [...THROWABLE_PROPERTIES, 'severity']],
  ['pdoexception', [...THROWABLE_PROPERTIES, 'errorInfo']],
  ['mysqli_sql_exception', [...THROWABLE_PROPERTIES, 'sqlstate']],
  [
    'soapfault',
    [
      ...THROWABLE_PROPERTIES,
      'faultstring',
      'faultcode',
      'faultcodens',
      'faultactor',
      'detail',
      '_name',
      'headerfault',
    ],
  ],
  ['pdostatement', ['queryString']],
  // Not a Throwable despite its name.
  ['libxmlerror', ['level', 'code', 'column', 'message', 'file', 'line']],
]);
// Internal interfaces and classes that declare no property a subclass could write.
const NO_PROPERTIES = new Set(
  `throwable traversable iterator iteratoraggregate arrayaccess countable serializable stringable jsonserializable
  unitenum backedenum datetimeinterface splobserver splsubject outeriterator recursiveiterator seekableiterator
  sessionhandlerinterface sessionidinterface sessionupdatetimestamphandlerinterface reflector
  datetime datetimeimmutable datetimezone sessionhandler pdo splobjectstorage spldoublylinkedlist splqueue splstack
  splfixedarray splheap splminheap splmaxheap splpriorityqueue iteratoriterator filteriterator callbackfilteriterator
  recursivecallbackfilteriterator recursivefilteriterator parentiterator limititerator norewinditerator
  appenditerator infiniteiterator emptyiterator multipleiterator recursiveiteratoriterator`.split(/\s+/),
);

/**
 * The non-private properties an internal class or interface declares (its internal parents' included), or undefined
 * when MageUp does not know them (not internal, or an internal class with properties not listed here).
 */
export function internalClassProperties(name: string): readonly string[] | undefined {
  const key = (name.startsWith('\\') ? name.slice(1) : name).toLowerCase();
  if (!PHP_INTERNAL_CLASSES.has(key)) return undefined;
  const listed = PROPERTIES.get(key);
  if (listed) return listed;
  if (NO_PROPERTIES.has(key)) return [];
  // Every internal *Exception / *Error class descends from Exception or Error (their four protected properties).
  if (/(exception|error)$/.test(key)) return THROWABLE_PROPERTIES;
  return undefined;
}
