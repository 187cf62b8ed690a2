<?php
// Answers version/constraint questions with the real composer/semver, for MageUp's differential tests.
//
// Usage: php scripts/php/semver-oracle.php < queries.json > answers.json
// Input:  a JSON array of queries, e.g. [{"op":"satisfies","version":"1.2.3","constraint":"^1.0"}, ...]
// Output: a JSON array with one answer per query, in order: {"ok": <value>} or {"error": <message>, "class": <name>}.
// Ops: normalize {input, fullVersion?}, stability {input}, constraint {input}, satisfies {version, constraint},
//      compare {a, b} (Comparator on the strings as given), versionCompare {a, b} (PHP's version_compare),
//      intersects {a, b}, subset {a, b}, matches {a, b} (parsed a ->matches(parsed b)), sort {versions, direction}.
// The library is loaded from SEMVER_AUTOLOAD or Debian's php-composer-semver location.

ini_set('display_errors', 'stderr');
error_reporting(E_ALL);

$autoload = getenv('SEMVER_AUTOLOAD') ?: '/usr/share/php/Composer/Semver/autoload.php';
if (!is_file($autoload)) {
    fwrite(STDERR, "composer/semver not found at $autoload (install php-composer-semver)\n");
    exit(2);
}
require $autoload;

use Composer\Semver\Comparator;
use Composer\Semver\Intervals;
use Composer\Semver\Semver;
use Composer\Semver\VersionParser;

$queries = json_decode(stream_get_contents(STDIN), true);
if (!is_array($queries)) {
    fwrite(STDERR, "expected a JSON array of queries on stdin\n");
    exit(2);
}

$parser = new VersionParser();

function describeConstraint($c)
{
    return array(
        'string' => (string) $c,
        'pretty' => $c->getPrettyString(),
        'lower' => $c->getLowerBound()->getVersion(),
        'lowerInclusive' => $c->getLowerBound()->isInclusive(),
        'upper' => $c->getUpperBound()->getVersion(),
        'upperInclusive' => $c->getUpperBound()->isInclusive(),
    );
}

function answer($parser, array $q)
{
    switch ($q['op']) {
        case 'normalize':
            return isset($q['fullVersion']) ? $parser->normalize($q['input'], $q['fullVersion']) : $parser->normalize($q['input']);
        case 'stability':
            return VersionParser::parseStability($q['input']);
        case 'constraint':
            return describeConstraint($parser->parseConstraints($q['input']));
        case 'satisfies':
            return Semver::satisfies($q['version'], $q['constraint']);
        case 'compare':
            return array(
                'lt' => Comparator::lessThan($q['a'], $q['b']),
                'eq' => Comparator::equalTo($q['a'], $q['b']),
                'gt' => Comparator::greaterThan($q['a'], $q['b']),
            );
        case 'versionCompare':
            return version_compare($q['a'], $q['b']);
        case 'intersects':
            return Intervals::haveIntersections($parser->parseConstraints($q['a']), $parser->parseConstraints($q['b']));
        case 'subset':
            return Intervals::isSubsetOf($parser->parseConstraints($q['a']), $parser->parseConstraints($q['b']));
        case 'matches':
            return $parser->parseConstraints($q['a'])->matches($parser->parseConstraints($q['b']));
        case 'sort':
            return ($q['direction'] ?? 'asc') === 'desc' ? Semver::rsort($q['versions']) : Semver::sort($q['versions']);
        default:
            throw new InvalidArgumentException('unknown op ' . json_encode($q['op']));
    }
}

$answers = array();
foreach ($queries as $q) {
    try {
        $answers[] = array('ok' => answer($parser, $q));
    } catch (\Throwable $e) {
        $answers[] = array('error' => $e->getMessage(), 'class' => get_class($e));
    }
}
echo json_encode($answers, JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION), "\n";
