<?php
namespace SeoPlus\RichSnippets\Plugin;

use Magento\Catalog\Model\Product;

/**
 * Applies the configured name template ("{brand} {name}") on the storefront.
 */
class ProductNamePlugin
{
    public function afterGetName(Product $subject, $result)
    {
        $brand = (string) $subject->getData('manufacturer_label');

        return $brand !== '' ? "${brand} {$result}" : $result;
    }
}
