<?php
declare(strict_types=1);

namespace Acme\StockBadge\Model;

use Magento\CatalogInventory\Api\StockRegistryInterface;

/**
 * Decides whether a product shows the "only a few left" badge.
 */
class BadgeResolver
{
    public function __construct(
        private readonly StockRegistryInterface $stockRegistry,
        private readonly float $threshold = 5.0
    ) {
    }

    public function isLow(int $productId, int $websiteId = null): bool
    {
        $item = $this->stockRegistry->getStockItem($productId, $websiteId);

        return $item->getIsInStock() && (float) $item->getQty() <= $this->threshold;
    }
}
