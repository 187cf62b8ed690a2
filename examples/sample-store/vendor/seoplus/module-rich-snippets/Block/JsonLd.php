<?php
namespace SeoPlus\RichSnippets\Block;

use Magento\Catalog\Model\Product;
use Magento\Framework\Registry;
use Magento\Framework\View\Element\Template;

/**
 * Renders the schema.org Product JSON-LD of the current product.
 */
class JsonLd extends Template
{
    private $registry;

    public function __construct(Template\Context $context, Registry $registry, array $data = [])
    {
        $this->registry = $registry;
        parent::__construct($context, $data);
    }

    public function getJsonLd(): string
    {
        /** @var Product|null $product */
        $product = $this->registry->registry('current_product');
        if (!$product) {
            return '';
        }

        return \Zend_Json::encode([
            '@context' => 'https://schema.org',
            '@type' => 'Product',
            'name' => $product->getName(),
            'sku' => $product->getSku(),
        ]);
    }
}
