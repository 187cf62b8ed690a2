import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeclarationRulesIndex, declarationRulesFrom, valueMatches, xsdViolations } from './declaration.js';

// A small XSD in the shape of Magento's Setup/Declaration/Schema/etc files (written for this test).
const XSD = {
  'schema.xsd': `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
    <xs:include schemaLocation="urn:x:types.xsd"/>
    <xs:element name="schema"/>
    <xs:complexType name="table">
      <xs:choice minOccurs="0" maxOccurs="unbounded">
        <xs:element name="column" type="abstractColumnType"/>
        <xs:element name="constraint"/>
        <xs:element name="index" type="index"/>
      </xs:choice>
      <xs:attributeGroup ref="basicOperations"/>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="engine"><xs:simpleType><xs:restriction base="xs:string">
        <xs:enumeration value="innodb"/><xs:enumeration value="memory"/></xs:restriction></xs:simpleType></xs:attribute>
    </xs:complexType>
    <xs:complexType name="index">
      <xs:sequence><xs:element name="column" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:attribute name="referenceId" type="referenceIdType" use="required"/>
    </xs:complexType>
  </xs:schema>`,
  'types.xsd': `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
    <xs:attributeGroup name="basicOperations"><xs:attribute name="disabled" type="xs:boolean"/></xs:attributeGroup>
    <xs:simpleType name="nameType"><xs:restriction base="xs:string"><xs:maxLength value="64"/></xs:restriction></xs:simpleType>
    <xs:simpleType name="referenceIdType"><xs:union memberTypes="nameType"><xs:simpleType>
      <xs:restriction base="xs:string"><xs:pattern value="[A-Z0-9_]+"/></xs:restriction></xs:simpleType></xs:union></xs:simpleType>
    <xs:attributeGroup name="baseColumn"><xs:attributeGroup ref="basicOperations"/>
      <xs:attribute name="name" type="nameType" use="required"/></xs:attributeGroup>
    <xs:complexType name="abstractColumnType"><xs:attributeGroup ref="baseColumn"/></xs:complexType>
    <xs:complexType name="int"><xs:complexContent><xs:extension base="abstractColumnType">
      <xs:annotation><xs:documentation>4 bytes</xs:documentation></xs:annotation>
      <xs:attribute name="default"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="\\d+|null"/></xs:restriction></xs:simpleType></xs:attribute>
      <xs:attribute name="padding"><xs:simpleType><xs:restriction base="xs:integer">
        <xs:maxInclusive value="255"/><xs:minInclusive value="2"/></xs:restriction></xs:simpleType></xs:attribute>
    </xs:extension></xs:complexContent></xs:complexType>
    <xs:complexType name="bigint"><xs:complexContent><xs:extension base="int"/></xs:complexContent></xs:complexType>
    <xs:attributeGroup name="baseConstraint"><xs:attribute name="referenceId" type="referenceIdType" use="required"/></xs:attributeGroup>
    <xs:complexType name="foreign"><xs:sequence/><xs:attribute name="column" type="xs:string"/>
      <xs:attributeGroup ref="baseConstraint"/></xs:complexType>
  </xs:schema>`,
};
const DI = `<config><type name="Magento\\Framework\\Setup\\Declaration\\Schema\\Dto\\ElementFactory">
  <arguments><argument name="typeFactories" xsi:type="array">
    <item name="int" xsi:type="object">A</item><item name="bigint" xsi:type="object">B</item>
  </argument></arguments></type></config>`;
const BUILDER_247P5 = `public function build(Schema $schema) {
  $data = $this->readerComposite->read(FileResolverByModule::ALL_MODULES);
  foreach ($data['table'] as $keyTable => $tableColumns) {
    foreach ($tableColumns['column'] as $keyColumn => $columnData) { if ($columnData['type'] == 'json') {} } } }`;

test('the XSD is flattened per type: extension bases and attribute groups resolved, derived types found', () => {
  const rules = declarationRulesFrom(XSD, DI, BUILDER_247P5);
  assert.deepEqual(Object.keys(rules.columnTypes), ['bigint', 'int']);
  assert.deepEqual(Object.keys(rules.constraintTypes), ['foreign']);
  assert.deepEqual(Object.keys(rules.columnTypes.bigint!.attributes).sort(), [
    'default',
    'disabled',
    'name',
    'padding',
  ]);
  assert.equal(rules.columnTypes.int!.attributes.name!.required, true);
  assert.deepEqual(rules.table.children, { column: 0, constraint: 0, index: 0 });
  assert.deepEqual(rules.factories, ['bigint', 'int']);
  assert.equal(rules.readsEveryDeclaredColumnType, 'yes');
  assert.equal(
    declarationRulesFrom(XSD, DI, 'public function build() { foreach ($this->sharding) {} }')
      .readsEveryDeclaredColumnType,
    'no',
  );
  const guarded = BUILDER_247P5.replace("foreach ($tableColumns['column']", "foreach ($tableColumns['column'] ?? []");
  assert.equal(declarationRulesFrom(XSD, DI, guarded).readsEveryDeclaredColumnType, 'unknown');
});

test('an XSD construct the reader does not know is refused, never flattened wrongly', () => {
  const odd = { 'x.xsd': '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:group name="g"/></xs:schema>' };
  assert.throws(() => declarationRulesFrom({ ...XSD, ...odd }, DI, ''), /unknown top-level construct <xs:group>/);
});

test('values are checked with XSD lexical rules and facets', () => {
  const rules = declarationRulesFrom(XSD, DI, BUILDER_247P5);
  const int = rules.columnTypes.int!.attributes;
  assert.equal(valueMatches(int.padding!.type, ' 10 '), true);
  assert.equal(valueMatches(int.padding!.type, '1'), false);
  assert.equal(valueMatches(int.default!.type, 'null'), true);
  assert.equal(valueMatches(int.default!.type, '-1'), false);
  assert.equal(valueMatches(int.disabled!.type, '1'), true);
  assert.equal(valueMatches(int.disabled!.type, 'yes'), false);
  const referenceId = rules.index.attributes.referenceId!.type;
  assert.equal(valueMatches(referenceId, 'x'.repeat(64)), true);
  assert.equal(valueMatches(referenceId, 'A'.repeat(80)), true); // the pattern member has no length limit
  assert.equal(valueMatches(referenceId, 'a'.repeat(65)), false);
  assert.deepEqual(xsdViolations(rules, 'column', { 'xsi:type': 'bigint', name: 'id', length: '5' }, []), [
    { kind: 'attribute-not-allowed', attribute: 'length', type: 'bigint' },
  ]);
  assert.deepEqual(xsdViolations(rules, 'index', { 'xsi:type': 'x', foo: 'y' }, []), [
    { kind: 'attribute-not-allowed', attribute: 'foo', type: 'index' },
    { kind: 'attribute-required', attribute: 'referenceId' },
  ]);
  assert.deepEqual(xsdViolations(rules, 'constraint', { referenceId: 'X', anything: 'goes' }, []), []);
});

test('the index answers exact releases only', () => {
  const rules = declarationRulesFrom(XSD, DI, BUILDER_247P5);
  const index = createDeclarationRulesIndex({
    schema: 1,
    source: 't',
    releases: ['2.4.8'],
    variants: [{ in: '0', rules }],
  });
  assert.equal(index.at('2.4.8'), rules);
  assert.equal(index.at('2.4.8-p1'), undefined);
});
