<?php
declare(strict_types=1);

namespace Acme\Checkout\Setup\Patch\Schema;

use Magento\Framework\DB\Adapter\AdapterInterface;
use Magento\Framework\Setup\SchemaSetupInterface;
use Magento\Framework\Setup\Patch\SchemaPatchInterface;

/**
 * Index for the "deliveries tomorrow" report; kept as a patch because the grid table is shared with core.
 */
class AddDeliveryDateIndex implements SchemaPatchInterface
{
    public function __construct(private readonly SchemaSetupInterface $schemaSetup)
    {
    }

    public function apply(): self
    {
        $connection = $this->schemaSetup->getConnection();
        $table = $this->schemaSetup->getTable('sales_order_grid');
        $connection->addIndex(
            $table,
            $connection->getIndexName($table, ['acme_delivery_date']),
            ['acme_delivery_date'],
            AdapterInterface::INDEX_TYPE_INDEX
        );

        return $this;
    }

    public static function getDependencies(): array
    {
        return [];
    }

    public function getAliases(): array
    {
        return [];
    }
}
