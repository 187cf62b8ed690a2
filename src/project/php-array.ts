import type { Node } from 'web-tree-sitter';
import type { Problem } from '../core/problem.js';
import { sharedPhpParser } from '../php/parser.js';

/** A class or global constant we can name but not always value (`\Magento\...\ConfigOptionsListConstants::KEY_HOST`). */
export class PhpConstant {
  constructor(
    /** Name as written, without the leading backslash. */
    readonly name: string,
    /** Value when the constant is a known Magento one, else undefined. */
    readonly value?: string | number | boolean,
  ) {}
}

/** A PHP array becomes an object with string keys (integer keys become strings and, as in any JS object, come first). */
export interface PhpArray {
  [key: string]: PhpValue;
}
export type PhpValue = string | number | boolean | null | PhpConstant | PhpArray;

/**
 * Constants that appear in generated env.php/config.php files, with their values. Only names: a project's own
 * constants stay `PhpConstant` without a value, which is still enough to show where they are used.
 */
const KNOWN_CONSTANTS: Record<string, string> = {
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_HOST': 'host',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_NAME': 'dbname',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_USER': 'username',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_PASSWORD': 'password',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_PREFIX': 'table_prefix',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_MODEL': 'model',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_INIT_STATEMENTS': 'initStatements',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_ACTIVE': 'active',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_ENGINE': 'engine',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_DRIVER_OPTIONS': 'driver_options',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_MODULES': 'modules',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::KEY_CACHE_FRONTEND': 'frontend',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_X_FRAME_OPT': 'x-frame-options',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_CACHE_HOSTS': 'http_cache_hosts',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_BACKEND_OPTIONS': 'backend',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_INSTALL_DATE': 'install/date',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_CRYPT_KEY': 'crypt/key',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_SESSION_SAVE': 'session/save',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_DB_CONNECTIONS': 'db/connection',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_DB_PREFIX': 'db/table_prefix',
  'Magento\\Framework\\Config\\ConfigOptionsListConstants::CONFIG_PATH_RESOURCE_DEFAULT_SETUP':
    'resource/default_setup/connection',
  'Magento\\Framework\\Config\\File\\ConfigFilePool::APP_CONFIG': 'app_config',
  'Magento\\Framework\\Config\\File\\ConfigFilePool::APP_ENV': 'app_env',
  'Magento\\Framework\\App\\State::MODE_DEFAULT': 'default',
  'Magento\\Framework\\App\\State::MODE_DEVELOPER': 'developer',
  'Magento\\Framework\\App\\State::MODE_PRODUCTION': 'production',
};

export interface PhpArrayResult {
  /** The returned value; undefined when the file has no evaluable `return` expression. */
  value: PhpValue | undefined;
  problems: Problem[];
}

/**
 * Evaluates a PHP file of the form `<?php return [...];` statically (app/etc/env.php, config.php). Only literals are
 * understood: arrays (both syntaxes), strings (both quotes, escapes), numbers, booleans, null, constants (kept as
 * names) and concatenation of literals. Anything else is reported with its line and left out — never executed.
 * @param file path relative to the project root, used in problems.
 */
export async function evaluatePhpArrayFile(source: string, file: string): Promise<PhpArrayResult> {
  const parser = await sharedPhpParser();
  const tree = parser.parse(source);
  const problems: Problem[] = [];
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const bad = firstErrorNode(root);
      problems.push({
        code: 'php-syntax',
        level: 'error',
        file,
        line: (bad?.startPosition.row ?? 0) + 1,
        message: `${file} is not valid PHP (syntax error near line ${(bad?.startPosition.row ?? 0) + 1}); values after it may be missing`,
      });
    }
    const returned = root.namedChildren.find((n) => n?.type === 'return_statement');
    const expression = returned?.namedChildren[0];
    if (!expression) {
      problems.push({
        code: 'php-no-return',
        level: 'error',
        file,
        line: 1,
        message: `${file} does not return an array literal (expected \`<?php return [...];\`)`,
      });
      return { value: undefined, problems };
    }
    const value = new Evaluator(file, problems).evaluate(expression);
    return { value, problems };
  } finally {
    tree.delete();
  }
}

function firstErrorNode(node: Node): Node | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const child of node.children) {
    if (child?.hasError || child?.isMissing) {
      const found = firstErrorNode(child);
      if (found) return found;
    }
  }
  return node.hasError ? node : undefined;
}

class Evaluator {
  constructor(
    private readonly file: string,
    private readonly problems: Problem[],
  ) {}

  evaluate(node: Node): PhpValue | undefined {
    switch (node.type) {
      case 'parenthesized_expression': {
        const inner = node.namedChildren[0];
        return inner ? this.evaluate(inner) : this.unsupported(node);
      }
      case 'array_creation_expression':
        return this.array(node);
      case 'string':
        return singleQuoted(node.text);
      case 'encapsed_string':
        return this.doubleQuoted(node);
      case 'integer':
        return parseInteger(node.text);
      case 'float':
        return Number(node.text.replace(/_/g, ''));
      case 'boolean':
        return node.text.toLowerCase() === 'true';
      case 'null':
        return null;
      case 'unary_op_expression': {
        const operand = node.childForFieldName('argument') ?? node.namedChildren[0];
        const op = node.children[0]?.text;
        const value = operand ? this.evaluate(operand) : undefined;
        if (typeof value === 'number' && (op === '-' || op === '+')) return op === '-' ? -value : value;
        if (op === '!' && typeof value === 'boolean') return !value;
        return this.unsupported(node);
      }
      case 'binary_expression': {
        const op = node.childForFieldName('operator')?.text ?? node.children[1]?.text;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (op === '.' && left && right) {
          const l = this.evaluate(left);
          const r = this.evaluate(right);
          if (isScalar(l) && isScalar(r)) return scalarText(l) + scalarText(r);
        }
        return this.unsupported(node);
      }
      case 'class_constant_access_expression': {
        const name = node.text.replace(/^\\/, '').replace(/\s+/g, '');
        if (name.endsWith('::class')) return name.slice(0, -'::class'.length);
        return new PhpConstant(name, KNOWN_CONSTANTS[name]);
      }
      case 'name':
      case 'qualified_name': {
        const name = node.text.replace(/^\\/, '');
        const lower = name.toLowerCase();
        if (lower === 'true' || lower === 'false') return lower === 'true';
        if (lower === 'null') return null;
        return new PhpConstant(name, KNOWN_CONSTANTS[name]);
      }
      default:
        return this.unsupported(node);
    }
  }

  private array(node: Node): PhpArray {
    const result: PhpArray = {};
    let nextIndex = 0;
    for (const element of node.namedChildren) {
      if (element?.type !== 'array_element_initializer') continue;
      const parts = element.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
      const hasKey = element.children.some((c) => c?.type === '=>');
      if (parts.some((p) => p.type === 'variadic_unpacking') || element.text.startsWith('...')) {
        this.unsupported(element);
        continue;
      }
      const valueNode = parts.at(-1);
      if (!valueNode) continue;
      const value = this.evaluate(valueNode);
      let key: string;
      if (hasKey && parts[0] && parts.length >= 2) {
        const rawKey = this.evaluate(parts[0]);
        const keyValue = rawKey instanceof PhpConstant ? (rawKey.value ?? rawKey.name) : rawKey;
        if (typeof keyValue === 'number' && Number.isInteger(keyValue)) {
          key = String(keyValue);
          if (keyValue >= nextIndex) nextIndex = keyValue + 1;
        } else if (typeof keyValue === 'string') {
          key = /^(0|-?[1-9]\d*)$/.test(keyValue) ? String(Number(keyValue)) : keyValue;
          if (/^\d+$/.test(key) && Number(key) >= nextIndex) nextIndex = Number(key) + 1;
        } else if (typeof keyValue === 'boolean') {
          key = keyValue ? '1' : '0';
        } else if (keyValue === null) {
          key = '';
        } else {
          continue; // the key itself could not be evaluated; already reported
        }
      } else {
        key = String(nextIndex++);
      }
      if (value !== undefined) result[key] = value;
    }
    return result;
  }

  private doubleQuoted(node: Node): string | undefined {
    let out = '';
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'string_content' || child.type === 'string_value') out += child.text;
      else if (child.type === 'escape_sequence') out += decodeEscape(child.text);
      else return this.unsupported(node, 'string interpolation');
    }
    return out;
  }

  private unsupported(node: Node, what = 'expression'): undefined {
    // The source text is not quoted: in env.php it could hold part of a secret.
    this.problems.push({
      code: 'php-unevaluated',
      level: 'warning',
      file: this.file,
      line: node.startPosition.row + 1,
      message: `${this.file}:${node.startPosition.row + 1}: ${what} (${node.type.replace(/_/g, ' ')}) is not a literal; MageUp evaluates this file statically, never runs it, and left this value out`,
    });
    return undefined;
  }
}

function isScalar(v: PhpValue | undefined): v is string | number | boolean | null | PhpConstant {
  return v !== undefined && (v === null || typeof v !== 'object' || v instanceof PhpConstant);
}

function scalarText(v: string | number | boolean | null | PhpConstant): string {
  if (v instanceof PhpConstant) return String(v.value ?? v.name);
  if (v === null || v === false) return '';
  if (v === true) return '1';
  return String(v);
}

function parseInteger(text: string): number {
  const clean = text.replace(/_/g, '').toLowerCase();
  if (clean.startsWith('0x')) return parseInt(clean.slice(2), 16);
  if (clean.startsWith('0b')) return parseInt(clean.slice(2), 2);
  if (clean.startsWith('0o')) return parseInt(clean.slice(2), 8);
  if (clean.length > 1 && clean.startsWith('0')) return parseInt(clean.slice(1), 8);
  return parseInt(clean, 10);
}

/** `'...'`: only `\\` and `\'` are escapes in PHP single-quoted strings. */
function singleQuoted(text: string): string {
  const body = text.replace(/^[bB]?'/, '').replace(/'$/, '');
  return body.replace(/\\([\\'])/g, '$1');
}

function decodeEscape(seq: string): string {
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    v: '\v',
    e: '\x1b',
    f: '\f',
    '\\': '\\',
    $: '$',
    '"': '"',
  };
  const body = seq.slice(1);
  if (body.length === 1 && simple[body] !== undefined) return simple[body];
  if (/^[0-7]{1,3}$/.test(body)) return String.fromCharCode(parseInt(body, 8) & 0xff);
  if (/^x[0-9a-fA-F]{1,2}$/.test(body)) return String.fromCharCode(parseInt(body.slice(1), 16));
  const unicode = /^u\{([0-9a-fA-F]+)\}$/.exec(body);
  if (unicode?.[1]) return String.fromCodePoint(parseInt(unicode[1], 16));
  return seq; // unknown escapes stay as written, like PHP does
}

/** Reads `a/b/c` from nested arrays; undefined when any step is missing or not an array. */
export function phpGet(value: PhpValue | undefined, path: string): PhpValue | undefined {
  let current: PhpValue | undefined = value;
  for (const part of path.split('/')) {
    if (!isPhpArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

export function isPhpArray(value: PhpValue | undefined): value is PhpArray {
  return typeof value === 'object' && value !== null && !(value instanceof PhpConstant);
}

/** A scalar as text (constants by value, else by name); undefined for arrays and missing values. */
export function phpString(value: PhpValue | undefined): string | undefined {
  if (value === undefined || isPhpArray(value)) return undefined;
  if (value instanceof PhpConstant) return String(value.value ?? value.name);
  if (value === null) return undefined;
  return String(value);
}
