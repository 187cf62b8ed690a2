<?php
declare(strict_types=1);

namespace Acme\StockBadge\Plugin;

use Acme\StockBadge\Model\BadgeResolver;
use Magento\Catalog\Block\Product\ListProduct;
use Magento\Catalog\Model\Product;

/**
 * Adds the badge markup after the product's details in category lists.
 */
class ListProductPlugin
{
    public function __construct(private readonly BadgeResolver $badges)
    {
    }

    public function afterGetProductDetailsHtml(ListProduct $subject, string $result, Product $product): string
    {
        if (!$this->badges->isLow((int) $product->getId())) {
            return $result;
        }

        return $result . '<span class="acme-stock-badge">' . $subject->escapeHtml(__('Only a few left')) . '</span>';
    }
}
