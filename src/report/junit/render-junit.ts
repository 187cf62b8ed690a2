import { describeReleaseCoverage } from '../../knowledge/coverage.js';
import type { FindingsView, ViewFinding } from '../json/findings-view.js';

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, Azure): one test suite for the findings, one test case per
 * finding (failed), one passing case when there is nothing to report, and the input problems as errors.
 */
export function renderJunit(view: FindingsView): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const errors = view.problems.filter((p) => p.level === 'error').length;
  const findingCases = view.findings.length === 0 ? 1 : view.findings.length;
  const tests = findingCases + view.problems.length;
  out.push(
    `<testsuites name="mageup ${attr(view.command)}" tests="${tests}" failures="${view.findings.length}" errors="${errors}">`,
  );
  out.push(
    `  <testsuite name="mageup ${attr(view.command)}" tests="${findingCases}" failures="${view.findings.length}" errors="0" skipped="0">`,
  );
  if (view.coverage && view.coverage.length > 0) {
    out.push('    <properties>');
    for (const c of view.coverage)
      out.push(
        `      <property name="${attr(`knowledge coverage ${c.release}`)}" value="${attr(describeReleaseCoverage(c))}"/>`,
      );
    out.push('    </properties>');
  }
  if (view.findings.length === 0) {
    out.push(`    <testcase classname="mageup.${attr(view.command)}" name="no findings"/>`);
  }
  for (const f of view.findings) {
    out.push(
      `    <testcase classname="${attr(classname(f))}" name="${attr(caseName(f))}"${f.file ? ` file="${attr(f.file)}"` : ''}>`,
    );
    out.push(
      `      <failure type="${attr(f.ruleId)}" message="${attr(`${f.severity}: ${f.message}`)}">${text(body(f))}</failure>`,
    );
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');
  if (view.problems.length > 0) {
    out.push(
      `  <testsuite name="mageup ${attr(view.command)} input problems" tests="${view.problems.length}" failures="0" errors="${errors}" skipped="0">`,
    );
    for (const p of view.problems) {
      const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : 'project';
      out.push(`    <testcase classname="mageup.problems" name="${attr(`${p.code} ${where}`)}">`);
      if (p.level === 'error') out.push(`      <error type="${attr(p.code)}" message="${attr(p.message)}"/>`);
      else out.push(`      <system-out>${text(`warning: ${p.message}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function classname(f: ViewFinding): string {
  return (f.package ?? f.module ?? 'project').replace(/[/\\]/g, '.');
}

function caseName(f: ViewFinding): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : (f.package ?? 'project');
  return `${f.ruleId} ${where}`;
}

function body(f: ViewFinding): string {
  return [
    `${f.severity.toUpperCase()} ${f.ruleId}`,
    f.message,
    `Recommendation: ${f.recommendation}`,
    ...(f.file ? [`File: ${f.file}${f.line ? `:${f.line}` : ''}`] : []),
    ...(f.package ? [`Package: ${f.package}`] : []),
    `Targets: ${f.targets.join(', ')}`,
    `Fingerprint: ${f.fingerprint}`,
  ].join('\n');
}

// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

/** XML 1.0 cannot carry most control characters even escaped: they are shown as `\xNN`. */
function clean(s: string): string {
  return s.replace(XML_FORBIDDEN, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
