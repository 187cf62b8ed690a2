// The concrete commands of one service switch. Host names and credentials are placeholders in angle brackets: the
// plan never reads or prints the store's secrets.
import type { ServiceValue, TrackId } from './types.js';

function major(version: string): string {
  return version.replace(/\+$/, '').split('.')[0] ?? version;
}

function minorOf(version: string): string {
  return version.replace(/\+$/, '').split('.').slice(0, 2).join('.');
}

export function platformCommands(track: TrackId, from: ServiceValue | null, to: ServiceValue): string[] {
  switch (track) {
    case 'php':
      return [
        `# install PHP ${minorOf(to.version)} with the extensions Magento needs (bcmath ctype curl dom gd intl mbstring pdo_mysql simplexml soap sodium xsl zip)`,
        `# point PHP-FPM and the CLI at PHP ${minorOf(to.version)}, then:`,
        'php -v',
        `composer config platform.php ${minorOf(to.version)}.0`,
        'composer check-platform-reqs',
      ];
    case 'composer':
      return from && major(from.version) !== major(to.version)
        ? [`composer self-update --${major(to.version)}`, 'composer --version']
        : [
            `composer self-update${to.version.endsWith('+') ? '' : ` ${to.version.replace(/\.x$/, '')}`}`,
            `composer --version   # must report ${to.version.endsWith('+') ? `${to.version.slice(0, -1)} or later` : to.version}`,
          ];
    case 'database': {
      const tool = to.flavour === 'mariadb' ? 'mariadb-upgrade' : 'mysql_upgrade';
      return [
        `# upgrade the ${to.flavour === 'mariadb' ? 'MariaDB' : 'MySQL'} server to ${to.version} (take the database dump first: see Backups)`,
        to.flavour === 'mariadb'
          ? `${tool} -u <admin-user> -p   # after the new server starts`
          : '# MySQL 8.0.16+ upgrades its data dictionary at server start; check the error log',
        "mysql -e 'SELECT VERSION()'",
      ];
    }
    case 'search': {
      if (to.flavour === 'opensearch') {
        return [
          `# start an OpenSearch ${to.version} cluster beside the current one`,
          'bin/magento config:set catalog/search/engine opensearch',
          'bin/magento config:set catalog/search/opensearch_server_hostname <opensearch-host>',
          'bin/magento config:set catalog/search/opensearch_server_port 9200',
          'bin/magento indexer:reindex catalogsearch_fulltext',
          'bin/magento cache:flush',
        ];
      }
      const engine = `elasticsearch${major(to.version)}`;
      return [
        `# start an Elasticsearch ${to.version} cluster beside the current one`,
        `bin/magento config:set catalog/search/engine ${engine}`,
        `bin/magento config:set catalog/search/${engine}_server_hostname <elasticsearch-host>`,
        `bin/magento config:set catalog/search/${engine}_server_port 9200`,
        'bin/magento indexer:reindex catalogsearch_fulltext',
        'bin/magento cache:flush',
      ];
    }
    case 'cache': {
      const name = to.flavour === 'valkey' ? 'Valkey' : 'Redis';
      return [
        `# start ${name} ${to.version} (Valkey speaks the Redis protocol: Magento's Redis backend connects to it)`,
        `bin/magento setup:config:set --cache-backend=redis --cache-backend-redis-server=<${to.flavour}-host> --cache-backend-redis-db=0`,
        `bin/magento setup:config:set --session-save=redis --session-save-redis-host=<${to.flavour}-host> --session-save-redis-db=2`,
        'bin/magento cache:flush',
      ];
    }
    case 'queue':
      return [
        'bin/magento queue:consumers:list',
        '# stop the consumers and cron, wait until every queue is empty (rabbitmqctl list_queues name messages)',
        `# upgrade RabbitMQ to ${to.version}, then:`,
        'bin/magento setup:config:set --amqp-host=<rabbitmq-host> --amqp-port=5672',
      ];
    case 'varnish':
      return [
        `# install Varnish ${to.version}`,
        'bin/magento varnish:vcl:generate --export-version=6 --output-file=var/varnish.vcl   # template for Varnish 6 and later',
        '# load var/varnish.vcl into Varnish and restart it',
      ];
    case 'webserver':
      return [`# upgrade ${to.flavour} to ${to.version} and reload its configuration`];
  }
}
