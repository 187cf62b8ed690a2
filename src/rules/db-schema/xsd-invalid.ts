import type { DeclarationRules, Violation } from '../../knowledge/db-schema/declaration.js';
import { xsdViolations } from '../../knowledge/db-schema/declaration.js';
import type { DbChildElement, DbTable } from '../../project/model.js';
import type { MessagePart, Rule, RuleContext } from '../rule.js';
import {
  customTables,
  declarationRules,
  moduleFields,
  shippedDeclarationRules,
  type RulesSource,
  SCHEMA_DATA_RECOMMENDATIONS,
} from './schema-pair.js';

const RULE = 'db-schema/xsd-invalid';

export function createXsdInvalidRule(loadRules: RulesSource): Rule {
  return {
    meta: {
      id: RULE,
      severity: 'warning',
      category: 'db-schema',
      description:
        "A db_schema.xml declaration the target's declarative-schema XSD rejects: unknown column type, attribute the type does not have, value out of range, missing required attribute or child.",
      docs: `Every db_schema.xml is validated against the target's
\`Magento/Framework/Setup/Declaration/Schema/etc/schema.xsd\` (and the per-type files under \`etc/types/\`,
\`etc/constraints/\`, \`etc/index.xsd\`) when the XML is read — in **developer mode**
(\`App\\Arguments\\ValidationState::isValidationRequired()\`); default and production modes skip the validation. A
rejected declaration stops \`setup:upgrade\` with "The XML in file … is invalid" or "Invalid Document". Each
\`<column xsi:type="…">\` is validated against that type: \`length\` only on varchar/char/varbinary (≤ 1024 / 255),
\`precision\`/\`scale\` only on decimal/float/double, \`padding\`/\`identity\` only on the int types (padding 2…255,
deprecated and ignored since MySQL 8.0.19), an int \`default\` must be digits or \`null\`, \`default\` is not allowed on
text/blob/json types, \`onDelete\` is CASCADE, SET NULL or NO ACTION, \`indexType\` btree, fulltext or hash, a
foreign key holds no child element.

An \`xsi:type\` the target has no type for also fails in every mode once the column is not disabled: the schema builder
asks \`Dto\\ElementFactory\` for it and stops with "Types … is not declared" (error).

The table of types, attributes and value types is read per release from each release's own XSD files
(data/db-schema/declaration.json.gz, \`scripts/build-db-schema-declaration.ts\`); a target that is not indexed gets
one "could not verify" note. Constraints without \`xsi:type\` are not checked (the XSD accepts anything there).

**How to fix:** use a type the target declares, and only the attributes and values that type allows.`,
      recommendations: {
        ...SCHEMA_DATA_RECOMMENDATIONS,
        checkByHand: "Check the declarations by hand against the target's Setup/Declaration/Schema/etc/*.xsd.",
        useDeclaredType: 'Use one of the {{element}} types {{target}} declares: {{types}}.',
        removeAttribute: 'Remove `{{attribute}}` (the type ignores it), or use a type that has it.',
        setAttribute: 'Set `{{attribute}}` to {{expected}}.',
        addAttribute: 'Add `{{attribute}}`.',
        removeChild: 'Remove <{{child}}> from the {{element}}.',
        addChild: 'Add <{{child}}> to the {{element}}.',
      },
      messages: {
        unknownType:
          '{{module}}: {{element}} `{{name}}` on `{{table}}` has xsi:type="{{type}}", which {{target}} does not declare: setup:upgrade stops with "Types {{type}} is not declared"',
        unknownTypeXsd:
          '{{module}}: {{element}} `{{name}}` on `{{table}}` has xsi:type="{{type}}", which {{target}}\'s XSD does not declare{{disabled}}: setup:upgrade stops in developer mode ("Invalid Document")',
        violation:
          '{{module}}: {{element}} `{{name}}` on `{{table}}`: {{what}}: {{target}}\'s XSD rejects it, setup:upgrade stops in developer mode ("Invalid Document")',
        notIndexed:
          '{{rule}}: {{target}} is not indexed (declaration data covers {{first}} … {{last}}): db_schema.xml declarations could not be verified against its XSD',
        noRulesData: '{{rule}}: declaration data unavailable: {{error}}',
        // The parts: an element without a name, a disabled one, and what the XSD rejects ({{what}}).
        noName: '(no name)',
        disabledNote: ' (the element is disabled, so only the XSD reads it)',
        attributeNotAllowed: 'attribute `{{attribute}}` is not allowed on xsi:type="{{type}}"',
        attributeNotAllowedUntyped: 'attribute `{{attribute}}` is not allowed on a column without xsi:type',
        attributeValue: '{{attribute}}="{{value}}" is not {{expected}}',
        attributeRequired: 'required attribute `{{attribute}}` is missing',
        childNotAllowed: 'child element <{{child}}> is not allowed here',
        childRequired: 'required child element <{{child}}> is missing',
      },
      messageSeverity: { unknownType: 'error', notIndexed: 'info', noRulesData: 'info' },
    },
    check(context) {
      const subjects = customTables(context).filter(({ module }) => module.enabled !== false);
      if (!subjects.length) return;
      const index = declarationRules(context, loadRules, RULE);
      if (!index) return;
      const target = context.target.release.version;
      const rules = index.at(target);
      if (!rules) {
        context.report({
          messageId: 'notIndexed',
          data: { rule: RULE, target, first: index.releases[0] ?? '', last: index.releases.at(-1) ?? '' },
          recommendationId: 'checkByHand',
          subject: 'not-indexed',
        });
        return;
      }
      for (const { module, table } of subjects) {
        const where = { module: module.name, table: table.name, target };
        const fields = { ...moduleFields(module), file: table.file };
        const check = (
          element: 'table' | 'column' | 'index' | 'constraint',
          name: string,
          line: number,
          attributes: Record<string, string> | undefined,
          children: DbChildElement[],
          disabled: boolean,
        ): void => {
          if (!attributes) return; // declared without its attributes (not read from XML): nothing to judge
          for (const v of xsdViolations(rules, element, attributes, children))
            reportViolation(context, rules, v, { ...where, element, name, line, disabled, fields });
        };
        check('table', table.name, table.line, table.attributes, table.otherChildren ?? [], table.disabled);
        for (const c of table.columns) check('column', c.name, c.line, c.attributes, [], c.disabled);
        for (const i of table.indexes)
          check('index', i.referenceId, i.line, i.attributes, i.children ?? [], i.disabled);
        for (const c of table.constraints)
          check('constraint', c.referenceId, c.line, c.attributes, c.children ?? [], c.disabled);
      }
    },
  };
}

interface Where {
  module: string;
  table: string;
  target: string;
  element: string;
  name: string;
  line: number;
  disabled: boolean;
  fields: { package?: string; module: string; file: DbTable['file'] };
}

/** The recommendation of each kind of violation but an unknown type. */
const FIX: Record<Exclude<Violation['kind'], 'unknown-type'>, string> = {
  'attribute-not-allowed': 'removeAttribute',
  'attribute-value': 'setAttribute',
  'attribute-required': 'addAttribute',
  'child-not-allowed': 'removeChild',
  'child-required': 'addChild',
};

function reportViolation(context: RuleContext, rules: DeclarationRules, v: Violation, w: Where): void {
  const data = {
    module: w.module,
    element: w.element,
    name: w.name || [{ messageId: 'noName' }],
    table: w.table,
    target: w.target,
  };
  const base = {
    ...w.fields,
    line: v.kind === 'child-not-allowed' ? v.line : w.line,
    effort: { hours: 0.25, confidence: 'high' as const },
  };
  if (v.kind === 'unknown-type') {
    const factoryFails = !w.disabled && w.element === 'column' && !rules.factories.includes(v.type);
    context.report({
      messageId: factoryFails ? 'unknownType' : 'unknownTypeXsd',
      data: {
        ...data,
        type: v.type,
        disabled: w.disabled ? [{ messageId: 'disabledNote' }] : [],
        types: Object.keys(w.element === 'column' ? rules.columnTypes : rules.constraintTypes).join(', '),
      },
      ...base,
      recommendationId: 'useDeclaredType',
      subject: `xsd-type:${w.table}.${w.element}.${w.name}`,
    });
    return;
  }
  const what: MessagePart =
    v.kind === 'attribute-not-allowed'
      ? v.type === 'abstractColumnType'
        ? { messageId: 'attributeNotAllowedUntyped', data: { attribute: v.attribute } }
        : { messageId: 'attributeNotAllowed', data: { attribute: v.attribute, type: v.type } }
      : v.kind === 'attribute-value'
        ? { messageId: 'attributeValue', data: { attribute: v.attribute, value: v.value, expected: v.expected } }
        : v.kind === 'attribute-required'
          ? { messageId: 'attributeRequired', data: { attribute: v.attribute } }
          : v.kind === 'child-not-allowed'
            ? { messageId: 'childNotAllowed', data: { child: v.child } }
            : { messageId: 'childRequired', data: { child: v.child } };
  const attribute = 'attribute' in v ? v.attribute : 'child' in v ? `<${v.child}>` : '';
  context.report({
    messageId: 'violation',
    data: {
      ...data,
      what: [what],
      ...('attribute' in v ? { attribute: v.attribute } : {}),
      ...('expected' in v ? { expected: v.expected } : {}),
      ...('child' in v ? { child: v.child } : {}),
    },
    ...base,
    recommendationId: FIX[v.kind],
    subject: `xsd:${w.table}.${w.element}.${w.name}.${v.kind}.${attribute}`,
  });
}

export const xsdInvalid = createXsdInvalidRule(shippedDeclarationRules);
