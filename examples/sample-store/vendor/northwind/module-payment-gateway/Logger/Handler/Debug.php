<?php
declare(strict_types=1);

namespace Northwind\PaymentGateway\Logger\Handler;

use Magento\Framework\Logger\Handler\Base;
use Monolog\Logger;

/**
 * Writes gateway requests and responses to var/log/northwind.log with card data masked.
 */
class Debug extends Base
{
    /** @var string */
    protected $fileName = '/var/log/northwind.log';

    /** @var int */
    protected $loggerType = Logger::DEBUG;

    protected function write(array $record): void
    {
        $record['formatted'] = preg_replace('/\b(\d{6})\d{6,9}(\d{4})\b/', '$1******$2', (string) $record['formatted']);
        parent::write($record);
    }
}
