// The mechanical part of Zend Framework 1's removal (magento/zendframework1, gone in Magento 2.4.6): `Zend_Json`'s
// static encode()/decode() and its TYPE_* constants have a direct equivalent in `Laminas\Json\Json`, which takes the
// same arguments. One difference: Zend_Json::decode() returns arrays by default, Laminas's decode() objects, so a
// decode() without a type argument gets `\Laminas\Json\Json::TYPE_ARRAY` (both declare TYPE_ARRAY = 1, TYPE_OBJECT = 0).
// Zend_Http_Client's constants (HTTP methods, protocol versions, body encodings, AUTH_BASIC) have namesakes of the
// very same string values in Laminas\Http\Request and Laminas\Http\Client (laminas/laminas-http), so a constant is
// renamed, never the client itself. Other Zend_* classes (Zend_Http_Client's objects, Zend_Validate_*,
// Zend_Filter_Input…) have no drop-in successor: their Laminas counterparts differ in constructor options,
// request/response objects or return values, so the fixer declines them with that reason.
// Even Zend_Validate::is(), which Magento 2.4.6 replaced with ValidatorChain::is(), is declined: the Laminas
// validators behind it judge some values differently (NotEmpty's default types: 493 in Zend 1, 489 in Laminas, which
// no longer counts 0.0 as empty).
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../core/finding.js';
import { nodesOnLine } from '../../fix/locate.js';
import { findNodes } from '../../fix/walk.js';
import type { FixOutcome, FixSource } from '../rule.js';

export const LAMINAS_JSON = 'Laminas\\Json\\Json';
export const LAMINAS_HTTP_REQUEST = 'Laminas\\Http\\Request';
const LAMINAS_HTTP_CLIENT = 'Laminas\\Http\\Client';

/**
 * Zend_Http_Client's constants and their namesakes of the same value in laminas/laminas-http (read from both sources:
 * magento/zendframework1 1.14's Zend/Http/Client.php, laminas-http 2.x's Request.php, AbstractMessage.php, Client.php).
 * MERGE, CONTENT_TYPE, CONTENT_LENGTH and VTYPE_* have none.
 */
const HTTP_CLIENT_CONSTANTS: Record<string, string> = {
  GET: `${LAMINAS_HTTP_REQUEST}::METHOD_GET`,
  POST: `${LAMINAS_HTTP_REQUEST}::METHOD_POST`,
  PUT: `${LAMINAS_HTTP_REQUEST}::METHOD_PUT`,
  HEAD: `${LAMINAS_HTTP_REQUEST}::METHOD_HEAD`,
  DELETE: `${LAMINAS_HTTP_REQUEST}::METHOD_DELETE`,
  TRACE: `${LAMINAS_HTTP_REQUEST}::METHOD_TRACE`,
  OPTIONS: `${LAMINAS_HTTP_REQUEST}::METHOD_OPTIONS`,
  CONNECT: `${LAMINAS_HTTP_REQUEST}::METHOD_CONNECT`,
  PATCH: `${LAMINAS_HTTP_REQUEST}::METHOD_PATCH`,
  HTTP_1: `${LAMINAS_HTTP_REQUEST}::VERSION_11`, // '1.1'
  HTTP_0: `${LAMINAS_HTTP_REQUEST}::VERSION_10`, // '1.0'
  ENC_URLENCODED: `${LAMINAS_HTTP_CLIENT}::ENC_URLENCODED`,
  ENC_FORMDATA: `${LAMINAS_HTTP_CLIENT}::ENC_FORMDATA`,
  AUTH_BASIC: `${LAMINAS_HTTP_CLIENT}::AUTH_BASIC`,
};

/**
 * The hints of a missing-class finding (`{{hints}}` of its recommendation) that say the target installs the Laminas
 * replacement: the fixer's go-ahead (`ZendRewrite.installed`).
 */
export const ZEND_HINT_MESSAGES = {
  laminasJsonHint: `\`\\${LAMINAS_JSON}\` (laminas/laminas-json, installed by {{target}}) replaces it: the same static encode()/decode() and TYPE_* constants, except that its decode() returns objects unless given \`Json::TYPE_ARRAY\``,
  laminasHttpHint: `its constants have namesakes of the same value in \`\\${LAMINAS_HTTP_REQUEST}\` (METHOD_GET…, VERSION_11/VERSION_10 for HTTP_1/HTTP_0) and \`\\${LAMINAS_HTTP_CLIENT}\` (ENC_URLENCODED, ENC_FORMDATA, AUTH_BASIC), installed by {{target}} (laminas/laminas-http); the client itself takes a Request object and returns a Response with other methods`,
};

/** Whether a missing-class finding's hints include `messageId` (the finding's data, not its text). */
function hinted(finding: Finding, messageId: string): boolean {
  const hints = finding.data?.hints;
  return Array.isArray(hints) && hints.some((hint) => hint.messageId === messageId);
}

/** The Zend class a missing-class finding is about, when it is a Zend Framework 1 class. */
export function zendClassOf(finding: Finding): string | undefined {
  if (finding.ruleId !== 'php-api/missing-class') return undefined;
  // `unresolved:` names are not known to be gone (neither release declares them): nothing to replace.
  return /^(?!unresolved:)[\w-]+:(zend_\w+)$/.exec(finding.subject ?? '')?.[1];
}

const REASONS: [RegExp, string][] = [
  [/^zend_http_/, 'Laminas\\Http\\Client takes a Request object and returns a Response with other methods'],
  [
    /^zend_validate$/,
    "Magento's successor is \\Magento\\Framework\\Validator\\ValidatorChain (a Laminas chain; ValidatorChain::is($value, \\Magento\\Framework\\Validator\\NotEmpty::class) for Zend_Validate::is($value, 'NotEmpty')), but the Laminas validators behind it judge some values differently (NotEmpty's default types are 489 in Laminas, 493 in Zend 1: 0.0 is no longer empty)",
  ],
  [/^zend_validate/, 'Laminas\\Validator classes take other constructor options and messages'],
  [/^zend_filter/, 'Laminas\\Filter and Laminas\\InputFilter work differently (no Zend_Filter_Input)'],
  [/^zend_uri/, 'Laminas\\Uri\\Uri parses and validates differently'],
  [/^zend_json_/, 'only Zend_Json itself maps one to one'],
];

/** How each Zend class with a mechanical part is rewritten: a `Zend_X::` use (its scope name node) → edits. */
interface ZendRewrite {
  name: string;
  /** The hint (ZEND_HINT_MESSAGES) the finding carries when the target installs the replacement. */
  installed: keyof typeof ZEND_HINT_MESSAGES;
  notInstalled: string;
  rewrite: (scope: Node) => FixOutcome;
  /** What the file names instead, once every use is rewritten. */
  replacement: string;
}

const REWRITES: Record<string, ZendRewrite> = {
  zend_json: {
    name: 'Zend_Json',
    installed: 'laminasJsonHint',
    notInstalled: `the target release does not install ${LAMINAS_JSON}: use Magento\\Framework\\Serialize\\Serializer\\Json (injected) by hand`,
    rewrite: (scope) => rewriteJson(scope),
    replacement: `\\${LAMINAS_JSON}`,
  },
  zend_http_client: {
    name: 'Zend_Http_Client',
    installed: 'laminasHttpHint',
    notInstalled: `the target release does not install ${LAMINAS_HTTP_REQUEST} (laminas/laminas-http): migrate it by hand`,
    rewrite: (scope) => rewriteHttpClientConstant(scope),
    replacement: `\\${LAMINAS_HTTP_REQUEST} / \\${LAMINAS_HTTP_CLIENT} constants`,
  },
};

/**
 * Zend_Json::encode()/decode()/TYPE_* → \Laminas\Json\Json, Zend_Http_Client::GET… → \Laminas\Http\Request::METHOD_GET…,
 * and their import dropped; anything else declined.
 */
export function fixZendClass(finding: Finding, source: FixSource): FixOutcome {
  const zend = zendClassOf(finding);
  if (!zend || !finding.line) return { decline: 'the finding does not name a Zend Framework 1 class and its line' };
  const how = REWRITES[zend];
  const kind = finding.subject!.slice(0, finding.subject!.indexOf(':'));
  if (!how || (zend === 'zend_http_client' && kind !== 'class-constant' && kind !== 'import')) {
    const why = REASONS.find(([re]) => re.test(zend))?.[1] ?? 'its Laminas or Magento successor is no drop-in';
    return { decline: `no mechanical replacement for ${zendName(zend)}: ${why}; migrate it by hand` };
  }
  if (!hinted(finding, how.installed)) return { decline: how.notInstalled };
  const root = source.tree.rootNode;
  if (kind === 'import') return dropImport(finding, source, root, how);
  const isZend = (n: Node): boolean => sameName(n, how.name);
  // The finding's column is that of the class name or (for a call) of the method name.
  const columnOf = (n: Node | null | undefined): number => (n ? n.startPosition.column + 1 : -1);
  const scopes = nodesOnLine(root, finding.line, NAMES).filter((n) => {
    const use = n.parent;
    if (!isZend(n) || !use || !USES.has(use.type) || use.child(0)?.equals(n) !== true) return false;
    if (finding.column === undefined) return true;
    const member = use.type === 'scoped_call_expression' ? use.childForFieldName('name') : use.namedChild(1);
    return [columnOf(n), columnOf(n) + 1, columnOf(member)].includes(finding.column);
  });
  const scope = scopes[0];
  if (scopes.length !== 1 || !scope)
    return { decline: `cannot find ${how.name}:: at ${finding.line}:${finding.column ?? '?'}` };
  return how.rewrite(scope);
}

/** `Zend_Http_Client::POST` → `\Laminas\Http\Request::METHOD_POST` (the same string); other uses declined. */
function rewriteHttpClientConstant(scope: Node): FixOutcome {
  const use = scope.parent!;
  if (use.type !== 'class_constant_access_expression')
    return {
      decline: `Zend_Http_Client::${use.childForFieldName('name')?.text ?? '?'}(): only its constants have namesakes`,
    };
  const constant = use.namedChild(1)?.text ?? '?';
  const replacement = HTTP_CLIENT_CONSTANTS[constant];
  if (!replacement)
    return { decline: `Zend_Http_Client::${constant} has no namesake of the same value in laminas/laminas-http` };
  return {
    edits: [{ start: use.startIndex, end: use.endIndex, text: `\\${replacement}` }],
    description: `Zend_Http_Client::${constant} → \\${replacement} (the same value)`,
  };
}

function rewriteJson(scope: Node): FixOutcome {
  const use = scope.parent!;
  const replace = { start: scope.startIndex, end: scope.endIndex, text: `\\${LAMINAS_JSON}` };
  if (use.type === 'class_constant_access_expression') {
    const constant = use.namedChild(1)?.text;
    if (constant !== 'TYPE_ARRAY' && constant !== 'TYPE_OBJECT')
      return { decline: `Zend_Json::${constant ?? '?'} has no counterpart of the same name in ${LAMINAS_JSON}` };
    return { edits: [replace], description: `Zend_Json::${constant} → \\${LAMINAS_JSON}::${constant}` };
  }
  const written = use.childForFieldName('name')?.text ?? '?';
  const method = written.toLowerCase();
  const args = use.childForFieldName('arguments');
  const list = args?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
  if (!args || list.some((a) => a.type !== 'argument' || a.text.startsWith('...') || a.childForFieldName('name')))
    return { decline: `Zend_Json::${written}(): spread or named arguments: rewrite it by hand` };
  if (method === 'encode')
    return { edits: [replace], description: `Zend_Json::encode() → \\${LAMINAS_JSON}::encode()` };
  if (method !== 'decode')
    return { decline: `Zend_Json::${written}() has no counterpart of the same behaviour in ${LAMINAS_JSON}` };
  if (list.length !== 1)
    return { edits: [replace], description: `Zend_Json::decode(…, type) → \\${LAMINAS_JSON}::decode(…, type)` };
  // Zend_Json decoded to arrays by default; Laminas decodes to objects unless told otherwise.
  const last = list[0]!;
  return {
    edits: [replace, { start: last.endIndex, end: last.endIndex, text: `, \\${LAMINAS_JSON}::TYPE_ARRAY` }],
    description: `Zend_Json::decode($x) → \\${LAMINAS_JSON}::decode($x, \\${LAMINAS_JSON}::TYPE_ARRAY) (Zend_Json decoded to arrays by default)`,
  };
}

/** `use Zend_X;` removed, when it is a statement of its own and every Zend_X:: use in the file gets rewritten. */
function dropImport(finding: Finding, source: FixSource, root: Node, how: ZendRewrite): FixOutcome {
  const clauses = nodesOnLine(root, finding.line!, CLAUSES).filter((c) => sameName(c, how.name));
  const clause = clauses[0];
  const statement = clause?.parent;
  if (clauses.length !== 1 || !clause || statement?.type !== 'namespace_use_declaration')
    return { decline: `\`use ${how.name};\` is not a plain import of its own (an alias or a group): edit it by hand` };
  if (statement.namedChildren.filter((c) => c?.type === 'namespace_use_clause').length !== 1)
    return { decline: `the import of ${how.name} shares its \`use\` statement: edit it by hand` };
  const others = findNodes(
    root,
    (n) =>
      NAMES.has(n.type) &&
      n.parent?.type !== 'qualified_name' &&
      sameName(n, how.name) &&
      !n.equals(clause.namedChild(0)!),
  );
  for (const n of others) {
    const outcome = n.parent && USES.has(n.parent.type) ? how.rewrite(n) : { decline: 'other use' };
    if ('decline' in outcome)
      return {
        decline: `${how.name} is used on line ${n.startPosition.row + 1} in a way the fixer leaves alone: the import stays`,
      };
  }
  const text = source.text;
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const nl = text.indexOf('\n', statement.endIndex);
  const lineEnd = nl === -1 ? text.length : nl + 1;
  if (
    text.slice(lineStart, statement.startIndex).trim() !== '' ||
    text.slice(statement.endIndex, lineEnd).trim() !== ''
  )
    return { decline: `\`use ${how.name};\` shares its line with other code: edit it by hand` };
  return {
    edits: [{ start: lineStart, end: lineEnd, text: '' }],
    description: `drops \`use ${how.name};\` (every use now names ${how.replacement})`,
  };
}

/** `Zend_X` or `\Zend_X` (case-insensitive, as PHP resolves class names). */
function sameName(n: Node, name: string): boolean {
  return n.text.trim().replace(/^\\/, '').toLowerCase() === name.toLowerCase();
}

function zendName(lower: string): string {
  return lower.replace(/(^|_)([a-z])/g, (_, sep: string, c: string) => `${sep}${c.toUpperCase()}`);
}

const NAMES = new Set(['name', 'qualified_name']);
const CLAUSES = new Set(['namespace_use_clause']);
const USES = new Set(['scoped_call_expression', 'class_constant_access_expression']);
