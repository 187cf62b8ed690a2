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
