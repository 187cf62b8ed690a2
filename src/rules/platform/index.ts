import type { Rule } from '../rule.js';
import { cache } from './cache.js';
import { composer } from './composer.js';
import { database } from './database.js';
import { phpVersion } from './php-version.js';
import { rabbitmq } from './rabbitmq.js';
import { searchEngine } from './search-engine.js';
import { varnish } from './varnish.js';

export const rules: Rule[] = [phpVersion, searchEngine, database, cache, varnish, rabbitmq, composer];
