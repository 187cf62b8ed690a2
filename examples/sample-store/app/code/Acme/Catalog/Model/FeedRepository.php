<?php
declare(strict_types=1);

namespace Acme\Catalog\Model;

use Acme\Catalog\Api\FeedRepositoryInterface;
use Magento\Framework\App\ResourceConnection;

class FeedRepository implements FeedRepositoryInterface
{
    public function __construct(private readonly ResourceConnection $resource)
    {
    }

    public function isDirty(int $productId): bool
    {
        $connection = $this->resource->getConnection();
        $select = $connection->select()
            ->from($this->resource->getTableName('acme_product_feed'), ['is_dirty'])
            ->where('product_id = ?', $productId);

        return (bool) $connection->fetchOne($select);
    }
}
