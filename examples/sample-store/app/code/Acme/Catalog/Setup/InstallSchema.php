<?php
namespace Acme\Catalog\Setup;

use Magento\Framework\DB\Ddl\Table;
use Magento\Framework\Setup\InstallSchemaInterface;
use Magento\Framework\Setup\ModuleContextInterface;
use Magento\Framework\Setup\SchemaSetupInterface;

/**
 * Legacy install script from the module's Magento 2.2 days; the table now lives in db_schema.xml.
 */
class InstallSchema implements InstallSchemaInterface
{
    public function install(SchemaSetupInterface $setup, ModuleContextInterface $context)
    {
        $setup->startSetup();
        if (!$setup->tableExists('acme_feed_log')) {
            $table = $setup->getConnection()->newTable($setup->getTable('acme_feed_log'))
                ->addColumn('log_id', Table::TYPE_INTEGER, null, ['identity' => true, 'primary' => true, 'unsigned' => true])
                ->addColumn('message', Table::TYPE_TEXT, 255, ['nullable' => false]);
            $setup->getConnection()->createTable($table);
        }
        $setup->endSetup();
    }
}
