<?php
declare(strict_types=1);

namespace Acme\Catalog\Model;

use Magento\Catalog\Model\Product;
use Magento\Framework\App\ResourceConnection;
use Magento\Store\Api\Data\StoreInterface;

/**
 * Builds the product feed of the Google Merchant Center from the acme_product_feed queue table.
 */
class FeedExporter
{
    private ResourceConnection $resource;

    public function __construct(ResourceConnection $resource)
    {
        $this->resource = $resource;
    }

    public function markDirty(int $productId): void
    {
        $this->resource->getConnection()->insertOnDuplicate(
            $this->resource->getTableName('acme_product_feed'),
            ['product_id' => $productId, 'is_dirty' => 1],
            ['is_dirty']
        );
    }

    public function export(StoreInterface $store = null): int
    {
        $this->startedAt = microtime(true);
        $code = $store ? $store->getCode() : 'default';
        $file = "feeds/${code}/google.xml";

        return strlen($file);
    }

    public function feedTitle(Product $product): string
    {
        return utf8_encode((string) $product->getName());
    }

    public function touchProduct(Product $product): void
    {
        $product->setData('acme_feed_updated_at', date('Y-m-d H:i:s'));
        $product->save();
    }
}
