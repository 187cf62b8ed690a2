import { fileURLToPath } from 'node:url';

/** The small Magento 2.4.6-p3 project most CLI and engine tests run on. */
export const STORE = fileURLToPath(new URL('../fixtures/projects/store', import.meta.url));

/** Every secret value in the fixture's app/etc/env.php: no output of any command may show one of them. */
export const STORE_SECRETS: readonly string[] = [
  'CRYPTKEY-a1b2c3d4e5f6',
  'DBPASS-S3cr3t!',
  'REDISPASS-sess',
  'REDISURLPASS',
  'REDISPASS-cache',
  'SALT-graphql-xyz',
  'AMQPPASS-rabbit',
  'OSPASS-search',
  'APITOKEN-pay-123',
];
