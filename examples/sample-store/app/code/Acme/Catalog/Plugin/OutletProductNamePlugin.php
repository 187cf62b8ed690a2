<?php
declare(strict_types=1);

namespace Acme\Catalog\Plugin;

use Magento\Catalog\Model\Product;

/**
 * Outlet products show their outlet name on the storefront.
 */
class OutletProductNamePlugin
{
    public function aroundGetName(Product $subject, callable $proceed)
    {
        $outletName = $subject->getData('acme_outlet_name');

        return $outletName ?: (string) $subject->getData('name');
    }
}
