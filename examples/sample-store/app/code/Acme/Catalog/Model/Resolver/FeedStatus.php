<?php
declare(strict_types=1);

namespace Acme\Catalog\Model\Resolver;

use Acme\Catalog\Api\FeedRepositoryInterface;
use Magento\Framework\GraphQl\Config\Element\Field;
use Magento\Framework\GraphQl\Query\ResolverInterface;
use Magento\Framework\GraphQl\Schema\Type\ResolveInfo;

class FeedStatus implements ResolverInterface
{
    public function __construct(private readonly FeedRepositoryInterface $feeds)
    {
    }

    public function resolve(Field $field, $context, ResolveInfo $info, array $value = null, array $args = null)
    {
        return ['dirty' => $this->feeds->isDirty((int) $args['product_id'])];
    }
}
