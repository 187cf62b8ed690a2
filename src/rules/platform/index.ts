import type { Rule } from '../rule.js';
import { cacheRule } from './cache.js';
import { composerRule } from './composer.js';
import { databaseRule } from './database.js';
import { phpVersionRule } from './php-version.js';
import { rabbitmqRule } from './rabbitmq.js';
import { searchEngineRule } from './search-engine.js';
import { varnishRule } from './varnish.js';

export const rules: Rule[] = [
  phpVersionRule,
  searchEngineRule,
  databaseRule,
  cacheRule,
  varnishRule,
  rabbitmqRule,
  composerRule,
];
