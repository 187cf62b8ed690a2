<?php
return [
    'backend' => [
        'frontName' => 'ops_7f3k2q'
    ],
    'remote_storage' => [
        'driver' => 'file'
    ],
    'queue' => [
        'consumers_wait_for_messages' => 0,
        'amqp' => [
            'host' => 'rabbitmq.internal',
            'port' => '5672',
            'user' => 'magento',
            'password' => 'FAKE-amqp-Qm9vVf2pL8xR',
            'virtualhost' => '/acme',
            'ssl' => false
        ]
    ],
    'crypt' => [
        'key' => 'base64FAKEcryptKEYnotRealZm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=='
    ],
    'db' => [
        'table_prefix' => 'm2_',
        'connection' => [
            'default' => [
                'host' => 'mysql.internal:3306',
                'dbname' => 'acme_outdoor',
                'username' => 'acme_app',
                'password' => 'FAKE-db-pass-9Xk2#vLq',
                'model' => 'mysql4',
                'engine' => 'innodb',
                'initStatements' => 'SET NAMES utf8;',
                'active' => '1',
                'driver_options' => [
                    \PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => false
                ]
            ]
        ]
    ],
    'resource' => [
        'default_setup' => [
            'connection' => 'default'
        ]
    ],
    'x-frame-options' => 'SAMEORIGIN',
    'MAGE_MODE' => 'production',
    'session' => [
        'save' => 'redis',
        'redis' => [
            'host' => 'redis-session.internal',
            'port' => '6379',
            'password' => 'FAKE-redis-session-Zt4w',
            'timeout' => '2.5',
            'persistent_identifier' => '',
            'database' => '2',
            'compression_threshold' => '2048',
            'compression_library' => 'gzip',
            'log_level' => '1',
            'max_concurrency' => '6',
            'break_after_frontend' => '5',
            'break_after_adminhtml' => '30',
            'first_lifetime' => '600',
            'bot_first_lifetime' => '60',
            'bot_lifetime' => '7200',
            'disable_locking' => '0',
            'min_lifetime' => '60',
            'max_lifetime' => '2592000'
        ]
    ],
    'cache' => [
        'frontend' => [
            'default' => [
                'id_prefix' => 'a1b_',
                'backend' => 'Magento\\Framework\\Cache\\Backend\\Redis',
                'backend_options' => [
                    'server' => 'redis-cache.internal',
                    'database' => '0',
                    'port' => '6379',
                    'password' => 'FAKE-redis-cache-Hy8p',
                    'compress_data' => '1',
                    'compression_lib' => ''
                ]
            ],
            'page_cache' => [
                'id_prefix' => 'a1b_'
            ]
        ],
        'allow_parallel_generation' => false
    ],
    'lock' => [
        'provider' => 'db'
    ],
    'directories' => [
        'document_root_is_pub' => true
    ],
    'cache_types' => [
        'config' => 1,
        'layout' => 1,
        'block_html' => 1,
        'collections' => 1,
        'reflection' => 1,
        'db_ddl' => 1,
        'compiled_config' => 1,
        'eav' => 1,
        'customer_notification' => 1,
        'config_integration' => 1,
        'config_integration_api' => 1,
        'full_page' => 1,
        'config_webservice' => 1,
        'translate' => 1
    ],
    'downloadable_domains' => [
        'www.acme-outdoor.example',
        'trade.acme-outdoor.example'
    ],
    'http_cache_hosts' => [
        [
            'host' => 'varnish.internal',
            'port' => '6081'
        ]
    ],
    'install' => [
        'date' => 'Tue, 14 Mar 2023 09:12:44 +0000'
    ],
    'system' => [
        'default' => [
            'catalog' => [
                'search' => [
                    'engine' => 'elasticsearch7',
                    'elasticsearch7_server_hostname' => 'search.internal',
                    'elasticsearch7_server_port' => '9200',
                    'elasticsearch7_index_prefix' => 'acme',
                    'elasticsearch7_enable_auth' => '0',
                    'elasticsearch7_server_timeout' => '15',
                    'opensearch_server_hostname' => 'opensearch.internal',
                    'opensearch_server_port' => '9200',
                    'opensearch_index_prefix' => 'acme',
                    'opensearch_enable_auth' => '1',
                    'opensearch_username' => 'acme',
                    'opensearch_password' => 'FAKE-opensearch-Lp3v'
                ]
            ],
            'system' => [
                'full_page_cache' => [
                    'caching_application' => '2',
                    'ttl' => '86400',
                    'varnish' => [
                        'access_list' => 'localhost,10.0.0.0/8',
                        'backend_host' => 'nginx.internal',
                        'backend_port' => '8080',
                        'grace_period' => '300'
                    ]
                ]
            ],
            'web' => [
                'unsecure' => [
                    'base_url' => 'https://www.acme-outdoor.example/'
                ],
                'secure' => [
                    'base_url' => 'https://www.acme-outdoor.example/'
                ]
            ]
        ],
        'websites' => [
            'b2b' => [
                'web' => [
                    'unsecure' => [
                        'base_url' => 'https://trade.acme-outdoor.example/'
                    ],
                    'secure' => [
                        'base_url' => 'https://trade.acme-outdoor.example/'
                    ]
                ]
            ]
        ]
    ]
];
